"""Specific errors the community actions raise; views and the API turn them into messages."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError

from vestnik.community.queries import CommentNotEditableError
from vestnik.community.ratelimit import RateLimitedError


class CannotPostError(PermissionDenied):
    """This user may not post (visitor, blocked, deleted, policy not accepted).

    `code` says which, so the page can offer the right way forward.
    """

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


class CommentsClosedError(PermissionDenied):
    """The comment area of this article is closed."""


class InvalidCommentError(ValidationError):
    """The text or the reply target is not acceptable (length, empty, parent gone)."""


class InvalidReportError(ValidationError):
    """Unknown rule, own comment, or already reported."""


class ReactionNotAllowedError(PermissionDenied):
    """Reactions go to other people's published comments only."""


__all__ = [
    "CannotPostError",
    "CommentNotEditableError",
    "CommentsClosedError",
    "InvalidCommentError",
    "InvalidReportError",
    "RateLimitedError",
    "ReactionNotAllowedError",
]
