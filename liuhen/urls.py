from django.contrib import admin
from django.urls import include, path

from liuhen.api.main import api

urlpatterns = [
    path("", include("liuhen.workbench.urls")),
    path("accounts/", include("liuhen.accounts.urls")),
    path("agencies/", include("liuhen.agencies.urls")),
    path("ledger/", include("liuhen.ledger.urls")),
    path("evidence/", include("liuhen.evidence.urls")),
    path("cases/", include("liuhen.cases.urls")),
    path("review/", include("liuhen.review.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler403 = "liuhen.workbench.errors.forbidden"
handler404 = "liuhen.workbench.errors.not_found"
handler500 = "liuhen.workbench.errors.server_error"
