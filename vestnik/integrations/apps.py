from django.apps import AppConfig


class IntegrationsConfig(AppConfig):
    name = "vestnik.integrations"
    label = "integrations"
    verbose_name = "Integrations"
