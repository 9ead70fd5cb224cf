"""Validation of user input for the accounts pages (allauth forms extended)."""

from __future__ import annotations

from typing import Any

from allauth.account.forms import ResetPasswordForm as AllauthResetPasswordForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.http import HttpRequest
from django.urls import reverse_lazy

from vestnik.accounts import wording
from vestnik.accounts.actions import (
    ClientInfo,
    record_consent,
    tidy_name,
    update_profile,
)
from vestnik.accounts.captcha import CaptchaError, check_solution
from vestnik.accounts.models import Consent, User
from vestnik.accounts.queries import current_policy_version
from vestnik.site.clientip import client_ip


class AltchaWidget(forms.Widget):
    template_name = "accounts/widgets/altcha.html"

    def get_context(
        self, name: str, value: Any, attrs: dict[str, Any] | None
    ) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["challenge_url"] = reverse_lazy("accounts:altcha_challenge")
        return context

    def value_from_datadict(self, data: Any, files: Any, name: str) -> str:
        return str(data.get(name, "") or "")


class AltchaField(forms.CharField):
    """The proof-of-work captcha. The answer is checked (and used up) in the form's clean()."""

    widget = AltchaWidget

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", "Captcha")
        kwargs.setdefault(
            "required", False
        )  # a missing answer gets our own message below
        super().__init__(**kwargs)


class CaptchaFormMixin(forms.Form):
    def _check_captcha(self) -> None:
        # Checked last and only when everything else is valid, so that a typo in
        # another field does not burn the solved challenge.
        if self.errors:
            return
        try:
            check_solution(self.data.get("altcha", ""))
        except CaptchaError as exc:
            self.add_error("altcha", str(exc))


def client_info(request: HttpRequest) -> ClientInfo:
    return ClientInfo(
        ip_address=client_ip(request) or None,
        user_agent=str(request.META.get("HTTP_USER_AGENT", "")),
    )


class SignupForm(AllauthSignupForm, CaptchaFormMixin):  # type: ignore[misc]  # untyped base
    """Registration: display name, e-mail, password, captcha; clicking Register is the consent."""

    display_name = forms.CharField(
        label="Name",
        max_length=80,
        help_text="Shown next to your comments.",
        error_messages={"required": "Please enter your name."},
    )
    altcha = AltchaField()

    field_order = ["display_name", "email", "password1", "password2", "altcha"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.consent_wording = wording.render(
            wording.SIGNUP_CONSENT, current_policy_version()
        )

    def clean_display_name(self) -> str:
        name = tidy_name(self.cleaned_data["display_name"])
        if not name:
            raise forms.ValidationError("Please enter your name.")
        return name

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        self._check_captcha()
        return cleaned

    def custom_signup(self, request: HttpRequest, user: User) -> None:
        update_profile(user, display_name=self.cleaned_data["display_name"])
        record_consent(
            user, Consent.Source.SIGNUP, wording.SIGNUP_CONSENT, client_info(request)
        )


class ResetPasswordForm(AllauthResetPasswordForm, CaptchaFormMixin):  # type: ignore[misc]
    altcha = AltchaField()

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        self._check_captcha()
        return cleaned


class ProfileForm(forms.Form):
    display_name = forms.CharField(
        label="Name",
        max_length=80,
        error_messages={"required": "Please enter your name."},
    )

    def clean_display_name(self) -> str:
        name = tidy_name(self.cleaned_data["display_name"])
        if not name:
            raise forms.ValidationError("Please enter your name.")
        return name


class AvatarForm(forms.Form):
    # A FileField, not ImageField: the set_avatar action does the (stricter) image
    # checks, decompression bombs included, and gives the messages.
    avatar = forms.FileField(label="New avatar")


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password", widget=forms.PasswordInput, required=False
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if not user.has_usable_password():
            del self.fields["password"]

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if "password" in self.fields and not self.user.check_password(
            cleaned.get("password") or ""
        ):
            self.add_error("password", "That is not your password. Please try again.")
        return cleaned


class AcceptPolicyForm(forms.Form):
    pass
