from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "maillage.accounts"
    verbose_name = "Comptes et rôles"

    def ready(self):
        from maillage.accounts import signals  # noqa: F401
