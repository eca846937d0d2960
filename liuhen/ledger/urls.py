from django.urls import path

from liuhen.ledger import views

app_name = "ledger"
urlpatterns = [
    path("checkpoints/latest.json", views.checkpoint_latest, name="checkpoint_latest"),
    path("checkpoints/<int:tree_size>.json", views.checkpoint_at, name="checkpoint_at"),
    path("consistency.json", views.consistency, name="consistency"),
    path("public-key.pem", views.public_key, name="public_key"),
]
