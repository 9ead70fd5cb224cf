from __future__ import annotations

from django import template

from vestnik.accounts import wording
from vestnik.accounts.queries import current_policy_version

register = template.Library()

_TEMPLATES = {"social": wording.SOCIAL_CONSENT, "signup": wording.SIGNUP_CONSENT}


@register.simple_tag
def consent_wording(kind: str) -> str:
    """The exact consent text for `kind`, as it will be stored when the user goes ahead."""
    return wording.render(_TEMPLATES[kind], current_policy_version())
