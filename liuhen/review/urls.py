from django.urls import path

from liuhen.review import views

app_name = "review"
urlpatterns = [
    path("", views.review_list, name="list"),
    path("<int:review_id>/", views.review_detail, name="detail"),
]
