from django.urls import path

from vestnik.integrations import coral

app_name = "integrations"

urlpatterns = [
    path("coral/moderate", coral.moderate, name="coral-moderate"),
]
