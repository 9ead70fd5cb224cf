"""The exact words shown to users where they agree to something.

Consent records store the rendered text, so what was shown is what is kept.
"""

from __future__ import annotations

SIGNUP_CONSENT = (
    "By clicking 'Register', you confirm that you agree to our Privacy Policy{version} "
    "and give your consent to the processing of personal data "
    "under its terms, and that you accept the community standards."
)
SOCIAL_CONSENT = (
    "By continuing with a social network, you confirm that you agree to our Privacy "
    "Policy{version} and give your consent to the processing of personal "
    "data under its terms, and that you accept the community standards."
)
LOGIN_STANDARDS = "By logging in, you accept the community standards."
POLICY_UPDATE_CONSENT = (
    "By clicking 'I agree', you confirm that you agree to the updated Privacy Policy{version} "
    "and give your consent to the processing of personal data "
    "under its terms."
)
DELETED_MESSAGE = (
    "Your account has been deleted! You can restore your account within 30 days by "
    "following the link sent to the e-mail address you entered during registration."
)
LOCKOUT_MESSAGE = (
    "Too many failed login attempts. For your security, logging in to this account "
    "from your address is blocked for {minutes} minutes. You can reset your password "
    "in the meantime."
)


def render(template: str, version: str) -> str:
    return template.format(version=f" (version {version})" if version else "")
