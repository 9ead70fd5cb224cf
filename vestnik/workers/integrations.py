"""Integrations tasks: webhook deliveries and pruning the integrations' logs.

`deliver_webhook` makes one attempt per run and schedules the next with
backoff. It takes a delivery id, reloads it, and does nothing for a delivery
that is already delivered or whose webhook was switched off: running it twice
is safe.
"""

from __future__ import annotations

from vestnik.site.celery import app


@app.task(name="vestnik.workers.integrations.deliver_webhook")  # type: ignore[untyped-decorator]  # celery is untyped
def deliver_webhook(delivery_id: int) -> str:
    from vestnik.integrations.models import DeliveryStatus, WebhookDelivery
    from vestnik.integrations.webhooks import attempt

    delivery = (
        WebhookDelivery.objects.filter(pk=delivery_id).select_related("webhook").first()
    )
    if delivery is None:
        return "gone"
    if delivery.status in {DeliveryStatus.DELIVERED, DeliveryStatus.FAILED}:
        return delivery.status
    if not delivery.webhook.enabled:
        return "disabled"
    retry_in = attempt(delivery)
    if retry_in is not None:
        deliver_webhook.apply_async((delivery_id,), countdown=retry_in)
    return delivery.status


@app.task(name="vestnik.workers.integrations.prune_logs")  # type: ignore[untyped-decorator]  # celery is untyped
def prune_logs() -> int:
    from vestnik.integrations.actions import prune_logs as prune

    return prune()
