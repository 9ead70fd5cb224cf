from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_migrate


class IntegrationsConfig(AppConfig):
    name = "vestnik.integrations"
    label = "integrations"
    verbose_name = "Integrations"

    def ready(self) -> None:
        from vestnik.integrations.checks import check_session_engine
        from vestnik.moderation.roles import ensure_roles

        checks.register(check_session_engine)
        # This app's model permissions exist only after its own migrate: grant
        # publisher-admins theirs then (vestnik/moderation/roles.py).
        post_migrate.connect(
            ensure_roles, sender=self, dispatch_uid="vestnik.integrations.ensure_roles"
        )
