"""The integrations in the Django admin: clients and their call statistics,
feedback, Coral set-ups, webhooks and their delivery log.

Keys and secrets are created by actions (admin "add" forms, the `vestnik`
commands) and never shown again; logs are read-only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import Avg, Count, Q, QuerySet
from django.http import HttpRequest

from vestnik.integrations import actions, keys, webhooks
from vestnik.integrations.authors import erase_external_author
from vestnik.integrations.errors import IntegrationError
from vestnik.integrations.models import (
    ApiCall,
    ApiClient,
    CoralCall,
    CoralIntegration,
    EmbedOrigin,
    ExternalAuthor,
    Feedback,
    Webhook,
    WebhookDelivery,
)
from vestnik.integrations.ssrf import UnsafeURLError, check_url


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def _clean_rulebook(value: Any) -> dict[str, Any]:
    if not value:
        return {}
    if not isinstance(value, dict):
        raise forms.ValidationError("a JSON object, as in `vestnik check --config`")
    try:
        return actions.check_rulebook(value)
    except IntegrationError as exc:
        raise forms.ValidationError(str(exc)) from None


class ApiClientForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ApiClient
        fields = (
            "name",
            "scopes",
            "rate_limit",
            "rulebook",
            "story_origins",
            "enabled",
        )

    def _json_list(
        self, field: str, example: str, check: Callable[[Iterable[str]], list[str]]
    ) -> list[str]:
        """A JSON-list field checked by ``check`` (an `IntegrationError` is the
        form's error)."""
        value = self.cleaned_data.get(field) or []
        if isinstance(value, str) or not isinstance(value, list):
            raise forms.ValidationError(f"a JSON list, e.g. {example}")
        try:
            return check(str(v) for v in value)
        except IntegrationError as exc:
            raise forms.ValidationError(str(exc)) from None

    def clean_scopes(self) -> list[str]:
        return self._json_list("scopes", '["analyze"]', actions.check_scopes)

    def clean_rulebook(self) -> dict[str, Any]:
        return _clean_rulebook(self.cleaned_data.get("rulebook"))

    def clean_story_origins(self) -> list[str]:
        return self._json_list(
            "story_origins", '["https://partner.example"]', actions.check_story_origins
        )


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    form = ApiClientForm
    list_display = (
        "name",
        "key_prefix",
        "scopes",
        "rate_limit",
        "enabled",
        "calls_total",
        "errors_total",
        "latency_avg",
        "last_used_at",
    )
    list_filter = ("enabled",)
    fields = (
        "name",
        "scopes",
        "rate_limit",
        "rulebook",
        "story_origins",
        "enabled",
        "key_prefix",
        "created_at",
        "revoked_at",
        "last_used_at",
    )
    readonly_fields = ("key_prefix", "created_at", "revoked_at", "last_used_at")
    actions = ["revoke"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Keys are revoked, never deleted: deleting one would take its call log
        # and feedback with it, and cut its external authors off from erasure.
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[ApiClient]:
        clients: QuerySet[ApiClient] = super().get_queryset(request)
        return clients.annotate(
            _calls=Count("calls"),
            _errors=Count("calls", filter=Q(calls__status__gte=400)),
            _latency=Avg("calls__latency_ms"),
        )

    @admin.display(description="calls", ordering="_calls")
    def calls_total(self, obj: Any) -> int:
        return int(obj._calls)

    @admin.display(description="errors", ordering="_errors")
    def errors_total(self, obj: Any) -> int:
        return int(obj._errors)

    @admin.display(description="mean ms", ordering="_latency")
    def latency_avg(self, obj: Any) -> str:
        return "" if obj._latency is None else f"{obj._latency:.1f}"

    def save_model(
        self, request: HttpRequest, obj: Any, form: Any, change: bool
    ) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        client, key = actions.create_client(
            obj.name,
            scopes=obj.scopes,
            rate_limit=obj.rate_limit,
            rulebook=obj.rulebook,
            story_origins=obj.story_origins,
            actor=request.user,
        )
        obj.pk, obj.key_prefix = client.pk, client.key_prefix
        messages.warning(
            request, f"The key of {client.name!r} (shown once, store it now): {key}"
        )

    @admin.action(description="Revoke the selected clients' keys")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiClient]) -> None:
        for client in queryset:
            actions.revoke_client(client)


@admin.register(ApiCall)
class ApiCallAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "client", "endpoint", "status", "latency_ms", "items")
    list_filter = ("endpoint", "status", "client")
    list_select_related = ("client",)
    date_hierarchy = "created_at"


@admin.register(ExternalAuthor)
class ExternalAuthorAdmin(ReadOnlyAdmin):
    """Who posted through each key (comments:write): the client's own id and the
    shadow account, which moderators block like any reader's."""

    list_display = ("external_id", "client", "user", "created_at")
    list_filter = ("client",)
    search_fields = ("external_id", "user__display_name")
    list_select_related = ("client", "user")
    date_hierarchy = "created_at"
    actions = ["erase"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Deleting the link alone would keep the account and its data: the
        # erase action below removes both.
        return False

    @admin.action(
        description="Erase the selected authors and their personal data",
        permissions=["erase"],
    )
    def erase(self, request: HttpRequest, queryset: QuerySet[ExternalAuthor]) -> None:
        erased = 0
        for link in list(queryset.select_related("client")):
            erased += erase_external_author(link.client, link.external_id)
        messages.success(request, f"Erased {erased} author(s) and their data.")

    def has_erase_permission(self, request: HttpRequest) -> bool:
        # The model's delete permission stands for erasure (publisher-admins
        # have it, vestnik/moderation/roles.py); the bare delete is never offered.
        return bool(request.user.has_perm("integrations.delete_externalauthor"))


@admin.register(Feedback)
class FeedbackAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "client", "attribute", "value", "text")
    list_filter = ("attribute", "client")
    list_select_related = ("client",)
    search_fields = ("text",)


class CoralIntegrationForm(forms.ModelForm):  # type: ignore[type-arg]
    new_secret = forms.CharField(
        required=False,
        label="Signing secret",
        help_text="the secret Coral shows for the phase; on an existing set-up, "
        "a new one replaces it (the old one works 24 h more). Empty when adding: "
        "Vestnik generates one.",
    )

    class Meta:
        model = CoralIntegration
        fields = ("name", "tenant_id", "time_budget_ms", "rulebook", "enabled")

    def clean_new_secret(self) -> str:
        value = str(self.cleaned_data.get("new_secret") or "").strip()
        if value:
            try:
                return actions.check_secret(value)
            except IntegrationError as exc:
                raise forms.ValidationError(str(exc)) from None
        return value

    def clean_rulebook(self) -> dict[str, Any]:
        return _clean_rulebook(self.cleaned_data.get("rulebook"))


@admin.register(CoralIntegration)
class CoralIntegrationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    form = CoralIntegrationForm
    list_display = ("name", "tenant_id", "time_budget_ms", "enabled", "created_at")
    actions = ["rotate"]

    def save_model(
        self, request: HttpRequest, obj: Any, form: Any, change: bool
    ) -> None:
        entered = form.cleaned_data.get("new_secret", "")
        if not change:
            obj.secret = entered or keys.new_secret()
            if not entered:
                messages.warning(
                    request, f"Signing secret for Coral (shown once): {obj.secret}"
                )
        super().save_model(request, obj, form, change)
        if change and entered and entered != obj.secret:
            actions.rotate_coral_secret(obj, secret=entered)

    @admin.action(description="Rotate the signing secret (old one valid 24 h)")
    def rotate(
        self, request: HttpRequest, queryset: QuerySet[CoralIntegration]
    ) -> None:
        for integration in queryset:
            actions.rotate_coral_secret(integration)
            messages.warning(
                request, f"New secret for {integration.name}: {integration.secret}"
            )


@admin.register(CoralCall)
class CoralCallAdmin(ReadOnlyAdmin):
    list_display = (
        "created_at",
        "integration",
        "status",
        "outcome",
        "latency_ms",
        "note",
    )
    list_filter = ("status", "outcome")
    list_select_related = ("integration",)


class WebhookForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Webhook
        fields = ("url", "events", "allow_private", "enabled")

    def clean_events(self) -> list[str]:
        value = self.cleaned_data.get("events") or []
        if isinstance(value, str) or not isinstance(value, list):
            raise forms.ValidationError('a JSON list, e.g. ["comment.rejected"]')
        try:
            return webhooks.check_events(str(v) for v in value)
        except IntegrationError as exc:
            raise forms.ValidationError(str(exc)) from None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        url = data.get("url")
        if url:
            try:
                check_url(url, allow_private=bool(data.get("allow_private")))
            except UnsafeURLError as exc:
                self.add_error("url", f"refused: {exc}")
        return data


@admin.register(Webhook)
class WebhookAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    form = WebhookForm
    list_display = (
        "url",
        "events",
        "enabled",
        "consecutive_failures",
        "disabled_reason",
    )
    list_filter = ("enabled",)
    actions = ["switch_on", "switch_off"]

    def save_model(
        self, request: HttpRequest, obj: Any, form: Any, change: bool
    ) -> None:
        if not change:
            obj.secret = keys.new_secret()
            messages.warning(request, f"Signing secret (shown once): {obj.secret}")
        super().save_model(request, obj, form, change)
        webhooks.forget_subscriptions()

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        super().delete_model(request, obj)
        webhooks.forget_subscriptions()

    def delete_queryset(
        self, request: HttpRequest, queryset: QuerySet[Webhook]
    ) -> None:
        super().delete_queryset(request, queryset)
        webhooks.forget_subscriptions()

    @admin.action(description="Switch on (resets the failure count)")
    def switch_on(self, request: HttpRequest, queryset: QuerySet[Webhook]) -> None:
        for webhook in queryset:
            webhooks.set_webhook_enabled(webhook, True)

    @admin.action(description="Switch off")
    def switch_off(self, request: HttpRequest, queryset: QuerySet[Webhook]) -> None:
        for webhook in queryset:
            webhooks.set_webhook_enabled(webhook, False, "switched off by an admin")


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdmin):
    list_display = (
        "created_at",
        "webhook",
        "event",
        "status",
        "attempts",
        "response_code",
        "error",
    )
    list_filter = ("status", "event", "webhook")
    list_select_related = ("webhook",)
    actions = ["send_again"]

    @admin.action(description="Redeliver (same body and idempotency key)")
    def send_again(
        self, request: HttpRequest, queryset: QuerySet[WebhookDelivery]
    ) -> None:
        for delivery in queryset:
            webhooks.redeliver(delivery)
        messages.info(request, f"{queryset.count()} delivery(ies) queued again.")


class EmbedOriginForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = EmbedOrigin
        fields = ("origin", "enabled", "note")
        help_texts = {
            "origin": "Exactly one origin, e.g. https://news.example.org "
            "(scheme, host and port only; no path, no wildcard)."
        }

    def clean_origin(self) -> str:
        from vestnik.integrations.embed import BadOrigin, normalize_origin

        try:
            return normalize_origin(self.cleaned_data.get("origin") or "")
        except BadOrigin as exc:
            raise forms.ValidationError(str(exc)) from None


@admin.register(EmbedOrigin)
class EmbedOriginAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """The sites that may embed the discussion (`/embed.js`)."""

    form = EmbedOriginForm
    list_display = ("origin", "enabled", "note", "created_at")
    list_filter = ("enabled",)
    search_fields = ("origin", "note")
