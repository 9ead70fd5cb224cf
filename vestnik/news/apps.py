from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "vestnik.news"
    label = "news"
