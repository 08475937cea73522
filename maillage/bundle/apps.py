from django.apps import AppConfig


class BundleConfig(AppConfig):
    name = "maillage.bundle"
    verbose_name = "Import et export de données"

    def ready(self) -> None:
        # Every installed app's ``bundle`` module registers the files it handles.
        from maillage.bundle.registry import autodiscover

        autodiscover()
