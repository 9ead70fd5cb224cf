"""Validation of moderators' and users' input only; the actions do the rest."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from vestnik.engine import Rulebook
from vestnik.moderation.app_settings import app_settings
from vestnik.moderation.models import APPEAL_SUBJECT
from vestnik.site.ids import parse_id


def rule_choices(rulebook: Rulebook) -> list[tuple[str, str]]:
    return [
        (rule.id, f"{rule.id} — {rule.title or rule.id}") for rule in rulebook.rules
    ]


class _RulesForm(forms.Form):
    rules = forms.MultipleChoiceField(choices=(), required=True)

    def __init__(self, *args: Any, rulebook: Rulebook, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["rules"]).choices = rule_choices(rulebook)


class RejectForm(_RulesForm):
    message = forms.CharField(
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Optional, added to the statement of reasons the author receives.",
    )
    note = forms.CharField(
        required=False, max_length=2000, help_text="Internal; moderators only."
    )


class ApproveForm(forms.Form):
    note = forms.CharField(required=False, max_length=2000)


class EditForm(forms.Form):
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}), max_length=5000)
    reason = forms.CharField(max_length=500, help_text="Shown to the author.")


class FeatureForm(forms.Form):
    featured = forms.BooleanField(required=False)


class BulkForm(forms.Form):
    ids = forms.CharField(max_length=20000)  # comma-separated or repeated via getlist
    decision = forms.ChoiceField(choices=[("approve", "Approve"), ("reject", "Reject")])
    rules = forms.MultipleChoiceField(choices=(), required=False)

    def __init__(self, *args: Any, rulebook: Rulebook, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["rules"]).choices = rule_choices(rulebook)

    def clean_ids(self) -> list[int]:
        raw = (
            self.data.getlist("ids")
            if hasattr(self.data, "getlist")
            else [self.cleaned_data["ids"]]
        )
        ids: list[int] = []
        for chunk in raw:
            for part in str(chunk).split(","):
                part = part.strip()
                if not part:
                    continue
                comment_id = parse_id(part)
                if comment_id is None:
                    raise forms.ValidationError("Comment ids must be numbers.")
                ids.append(comment_id)
        if not ids:
            raise forms.ValidationError("Select at least one comment.")
        if len(ids) > 200:
            raise forms.ValidationError("At most 200 comments at a time.")
        return list(dict.fromkeys(ids))


class BlockForm(_RulesForm):
    note = forms.CharField(
        required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        required=True, label="Delete this account without notice"
    )
    rules = forms.MultipleChoiceField(choices=(), required=False)
    note = forms.CharField(required=False, max_length=2000)

    def __init__(self, *args: Any, rulebook: Rulebook, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["rules"]).choices = rule_choices(rulebook)


class NoteForm(forms.Form):
    note = forms.CharField(required=False, max_length=2000)


class AppealForm(forms.Form):
    subject = forms.CharField(
        max_length=120,
        initial=APPEAL_SUBJECT,
        widget=forms.TextInput(attrs={"readonly": "readonly"}),
    )
    user_id = forms.CharField(max_length=40, label="Your user ID")
    explanation = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Explain the actions that broke the rules and led to the block.",
    )

    def clean_explanation(self) -> str:
        text = str(self.cleaned_data["explanation"]).strip()
        if len(text) < app_settings.APPEAL_MIN_LENGTH:
            raise forms.ValidationError(
                f"Please explain in at least {app_settings.APPEAL_MIN_LENGTH} characters."
            )
        if len(text) > app_settings.APPEAL_MAX_LENGTH:
            raise forms.ValidationError(
                f"Please keep it under {app_settings.APPEAL_MAX_LENGTH} characters."
            )
        return text


class AppealDecisionForm(forms.Form):
    reason = forms.CharField(
        required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


OUTCOME_CHOICES = [("publish", "publish (off)"), ("hold", "hold"), ("reject", "reject")]
LANGUAGE_ACTION_CHOICES = [("remove", "remove"), ("hold", "hold"), ("allow", "allow")]


def _lines(value: str) -> list[str]:
    return [
        line.strip() for line in value.replace(",", "\n").splitlines() if line.strip()
    ]


class RulebookSettingsForm(forms.Form):
    """One row of fields per rule plus the site-wide settings.

    `overrides()` keeps only what differs from the default rulebook, so the stored
    data stays small and a later change of a default still reaches the publisher.
    """

    site_languages = forms.CharField(
        max_length=200, help_text="ISO codes; the first is the main language."
    )
    language_action = forms.ChoiceField(choices=LANGUAGE_ACTION_CHOICES)
    publisher_names = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    allowed_domains = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    escalation_rejections = forms.IntegerField(min_value=0, max_value=1000)
    escalation_window_days = forms.IntegerField(min_value=1, max_value=365)
    public_transparency = forms.BooleanField(required=False)
    note = forms.CharField(required=False, max_length=1000)
    dry_run_last = forms.IntegerField(
        min_value=1, max_value=5000, initial=200, required=False
    )

    def __init__(
        self, *args: Any, base: Rulebook, current: Rulebook, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.base = base
        for rule in current.rules:
            p = f"rule__{rule.id}__"
            self.fields[p + "enabled"] = forms.BooleanField(
                required=False, initial=rule.enabled
            )
            self.fields[p + "outcome"] = forms.ChoiceField(
                choices=OUTCOME_CHOICES, initial=rule.outcome.value
            )
            self.fields[p + "threshold"] = forms.FloatField(
                min_value=0, max_value=1, initial=rule.threshold
            )
            self.fields[p + "hold_threshold"] = forms.FloatField(
                min_value=0, max_value=1, required=False, initial=rule.hold_threshold
            )
            self.fields[p + "wording"] = forms.CharField(
                max_length=1000,
                initial=rule.wording,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.rule_ids = [rule.id for rule in current.rules]
        if not self.is_bound:
            self.initial.update(
                site_languages=", ".join(current.site_languages),
                language_action=current.language_action,
                publisher_names="\n".join(current.publisher_names),
                allowed_domains="\n".join(current.allowed_domains),
            )

    def rule_rows(self) -> list[dict[str, Any]]:
        return [
            {
                "id": rid,
                **{
                    name: self[f"rule__{rid}__{name}"]
                    for name in (
                        "enabled",
                        "outcome",
                        "threshold",
                        "hold_threshold",
                        "wording",
                    )
                },
            }
            for rid in self.rule_ids
        ]

    def overrides(self) -> dict[str, Any]:
        data = self.cleaned_data
        out: dict[str, Any] = {}
        languages = [lang.lower() for lang in _lines(data["site_languages"])]
        if tuple(languages) != self.base.site_languages:
            out["site_languages"] = languages
        if data["language_action"] != self.base.language_action:
            out["language_action"] = data["language_action"]
        names = _lines(data["publisher_names"])
        if tuple(names) != self.base.publisher_names:
            out["publisher_names"] = names
        domains = [d.lower() for d in _lines(data["allowed_domains"])]
        if tuple(domains) != self.base.allowed_domains:
            out["allowed_domains"] = domains
        rules: dict[str, Any] = {}
        for rid in self.rule_ids:
            base = self.base[rid]
            p = f"rule__{rid}__"
            change: dict[str, Any] = {}
            if data[p + "enabled"] != base.enabled:
                change["enabled"] = data[p + "enabled"]
            if data[p + "outcome"] != base.outcome.value:
                change["outcome"] = data[p + "outcome"]
            if abs(data[p + "threshold"] - base.threshold) > 1e-9:
                change["threshold"] = data[p + "threshold"]
            hold = data[p + "hold_threshold"]
            if hold != base.hold_threshold and not (
                hold is not None
                and base.hold_threshold is not None
                and abs(hold - base.hold_threshold) < 1e-9
            ):
                change["hold_threshold"] = hold
            if data[p + "wording"].strip() != base.wording:
                change["wording"] = data[p + "wording"].strip()
            if change:
                rules[rid] = change
        if rules:
            out["rules"] = rules
        return out
