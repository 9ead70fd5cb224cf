"""Specific errors the moderation actions raise; views turn them into messages."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError


class ModerationError(ValidationError):
    """A decision that cannot be taken in the object's current state."""


class FinalBlockError(PermissionDenied):
    """A second block is final: it cannot be lifted or appealed (mission.md)."""


class AppealNotAllowedError(PermissionDenied):
    """This user may not file an appeal now (no block, final block, one already open)."""
