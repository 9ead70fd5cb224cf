from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "vestnik.moderation"
    label = "moderation"
