from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "vestnik.community"
    label = "community"
