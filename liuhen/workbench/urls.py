from django.urls import path

from liuhen.workbench import views

app_name = "workbench"
urlpatterns = [
    path("", views.home, name="home"),
    path("supervision/", views.supervision, name="supervision"),
    path("regulations/", views.regulations, name="regulations"),
    path("regulations/<slug:regulation_id>/", views.regulation, name="regulation"),
]
