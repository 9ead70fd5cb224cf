from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_migrate


class ModerationConfig(AppConfig):
    name = "vestnik.moderation"
    label = "moderation"
    verbose_name = "Moderation"

    def ready(self) -> None:
        from vestnik.moderation.checks import check_engine_error_policy
        from vestnik.moderation.roles import ensure_roles

        checks.register(check_engine_error_policy)

        post_migrate.connect(
            ensure_roles, sender=self, dispatch_uid="vestnik.moderation.ensure_roles"
        )
