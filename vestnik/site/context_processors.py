from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, object]:
    return {
        "SITE_NAME": settings.VESTNIK_SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "MODERATORS_EMAIL": settings.VESTNIK_MODERATORS_EMAIL,
    }
