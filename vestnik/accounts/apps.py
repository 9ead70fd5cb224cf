from typing import Any

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "vestnik.accounts"
    label = "accounts"

    def ready(self) -> None:
        from allauth.account.signals import user_logged_in, user_signed_up

        user_signed_up.connect(_on_signed_up, dispatch_uid="vestnik.accounts.signed_up")
        user_logged_in.connect(_on_logged_in, dispatch_uid="vestnik.accounts.logged_in")


def _on_signed_up(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    # Registration through our form records its consent in SignupForm.custom_signup;
    # a social sign-up has no form, so its consent (to the wording shown next to
    # the provider buttons) is recorded here.
    if kwargs.get("sociallogin") is None:
        return
    from vestnik.accounts import wording
    from vestnik.accounts.actions import record_consent
    from vestnik.accounts.forms import client_info
    from vestnik.accounts.models import Consent

    record_consent(
        user, Consent.Source.SOCIAL, wording.SOCIAL_CONSENT, client_info(request)
    )


def _on_logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    from vestnik.accounts.actions import record_standards_acceptance

    record_standards_acceptance(user)
