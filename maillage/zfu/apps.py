from django.apps import AppConfig


class ZfuConfig(AppConfig):
    name = "maillage.zfu"
    verbose_name = "Conseil ZFU-TE"
