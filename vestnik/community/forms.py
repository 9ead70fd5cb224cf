"""Validation of what readers type; the actions decide everything else."""

from __future__ import annotations

import uuid
from typing import Any, cast

from django import forms
from django.http import QueryDict

from vestnik.community.app_settings import app_settings
from vestnik.community.models import ReactionKind


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Your comment",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Paragraphs, **bold**, *italic*, > quotes and links work.",
        strip=True,
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        body = cast(forms.CharField, self.fields["body"])
        body.max_length = app_settings.MAX_LENGTH
        body.widget.attrs["maxlength"] = str(app_settings.MAX_LENGTH)
        if not self.is_bound:
            self.initial.setdefault("token", uuid.uuid4())

    def fresh_token(self) -> None:
        """After a refused submission the author edits and sends again: a new token."""
        data = (
            self.data.copy()
            if isinstance(self.data, QueryDict)
            else QueryDict(mutable=True)
        )
        data["token"] = str(uuid.uuid4())
        self.data = data


class EditForm(forms.Form):
    body = forms.CharField(
        label="Comment", widget=forms.Textarea(attrs={"rows": 6}), strip=True
    )
    reason = forms.CharField(
        label="Why (shown to the author and kept with the revision)",
        required=False,
        max_length=500,
    )

    def __init__(self, *args: Any, moderator_edit: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.CharField, self.fields["body"]).max_length = app_settings.MAX_LENGTH
        if moderator_edit:
            self.fields["reason"].required = True
        else:
            del self.fields["reason"]


class ReactionForm(forms.Form):
    kind = forms.ChoiceField(choices=ReactionKind.choices)


class ReportForm(forms.Form):
    rule = forms.ChoiceField(label="Which rule does it break?")
    text = forms.CharField(
        label="Anything the moderators should know (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, rules: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["rule"]).choices = rules


class DeleteForm(forms.Form):
    reason = forms.CharField(required=False, max_length=500)
