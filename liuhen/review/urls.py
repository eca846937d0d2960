from django.urls import path

from liuhen.review.views import catalogue, handling, heads, reviewing, rounds

app_name = "review"
urlpatterns = [
    path("", rounds.review_list, name="list"),
    path("<int:review_id>/", rounds.review_detail, name="detail"),
    path("<int:review_id>/start", reviewing.review_start_view, name="start"),
    path("<int:review_id>/points/<str:point>", reviewing.review_point, name="point"),
    path("<int:review_id>/powers", reviewing.review_power, name="power"),
    path("<int:review_id>/pass", reviewing.review_pass_view, name="pass"),
    path("<int:review_id>/return", reviewing.review_return_view, name="return"),
    path("<int:review_id>/extend", heads.review_extend_view, name="extend"),
    path("<int:review_id>/escalate/", handling.review_escalate_view, name="escalate"),
    path("cases/<int:case_id>/submit/", handling.review_submit_view, name="submit"),
    path("cases/<int:case_id>/major/", handling.case_major_mark_view, name="major_mark"),
    path(
        "cases/<int:case_id>/decision-without-review/",
        heads.decision_without_review,
        name="override",
    ),
    path("catalogue/", catalogue.catalogue_index, name="catalogue_index"),
    path("catalogue/<int:agency_id>/", catalogue.catalogue, name="catalogue"),
    path("catalogue/<int:agency_id>/edit/", catalogue.catalogue_edit, name="catalogue_edit"),
]
