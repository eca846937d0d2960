from django.urls import path

from liuhen.evidence import views

app_name = "evidence"
urlpatterns = [
    path("agency/<int:agency_id>/", views.agency_evidence, name="agency"),
    path("uploads/", views.upload_begin, name="upload_begin"),
    path("uploads/<str:upload_id>/", views.upload_status, name="upload_status"),
    path("uploads/<str:upload_id>/chunks/<int:offset>", views.upload_chunk, name="upload_chunk"),
    path("uploads/<str:upload_id>/complete", views.upload_complete, name="upload_complete"),
    path("holdings/<int:holding_id>/download", views.holding_download, name="download"),
]
