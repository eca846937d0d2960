from django.urls import path

from liuhen.agencies import views

app_name = "agencies"
urlpatterns = [
    path("", views.agency_list, name="list"),
    path("new/", views.agency_new, name="new"),
    path("<int:agency_id>/", views.agency_detail, name="detail"),
    path("<int:agency_id>/edit/", views.agency_edit, name="edit"),
    path("<int:agency_id>/officers/new/", views.officer_new, name="officer_new"),
    path("<int:agency_id>/members/new/", views.member_new, name="member_new"),
    path("<int:agency_id>/roles/new/", views.role_new, name="role_new"),
    path("<int:agency_id>/roles/remove/", views.role_remove, name="role_remove"),
    path("officers/", views.officer_list, name="officers"),
    path("officers/<int:officer_id>/status/", views.officer_status, name="officer_status"),
]
