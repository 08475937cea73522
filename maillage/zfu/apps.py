from django.apps import AppConfig


class ZfuConfig(AppConfig):
    name = "maillage.zfu"
    verbose_name = "Conseil ZFU-TE"

    def ready(self):
        from maillage.reports.blocks import register
        from maillage.zfu.reporting import zfu_block

        register("zfu", zfu_block)
