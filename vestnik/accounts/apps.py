from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "vestnik.accounts"
    label = "accounts"
