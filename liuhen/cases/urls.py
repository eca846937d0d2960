from django.urls import path

from liuhen.cases.views import (
    acts,
    correction,
    dashboards,
    detail,
    listing,
    people,
    recording,
    transfer,
)

app_name = "cases"
urlpatterns = [
    path("", listing.case_list, name="list"),
    path("open/", listing.case_open_view, name="open"),
    path("dues/", dashboards.my_dues, name="dues"),
    path("dashboard/", dashboards.agency_board, name="dashboard"),
    path("import/", transfer.timeline_import, name="import"),
    path("<int:case_id>/", detail.case_detail, name="detail"),
    path("<int:case_id>/compliance/", detail.case_compliance, name="compliance"),
    path("<int:case_id>/timeline.json", transfer.timeline_export, name="export"),
    path("<int:case_id>/acts/", acts.act_menu_view, name="act_menu"),
    path("<int:case_id>/acts/<str:type_name>/", acts.act_record, name="act"),
    path("<int:case_id>/events/<int:event_id>/approve", acts.act_approve, name="approve"),
    path(
        "<int:case_id>/events/<int:event_id>/correct",
        correction.event_correct,
        name="event_correct",
    ),
    path("<int:case_id>/stage", acts.stage_advance, name="stage"),
    path("<int:case_id>/officers/", people.officer_assign, name="officer_assign"),
    path(
        "<int:case_id>/officers/<int:assignment_id>/release",
        people.officer_release,
        name="officer_release",
    ),
    path("<int:case_id>/parties/", people.party_add, name="party_add"),
    path("<int:case_id>/recordings/", recording.recording_attach, name="recording_attach"),
    path(
        "<int:case_id>/recordings/<int:event_id>/catalogue",
        recording.recording_catalogue,
        name="recording_catalogue",
    ),
    path(
        "<int:case_id>/recordings/<int:event_id>/backup",
        recording.recording_backup,
        name="recording_backup",
    ),
]
