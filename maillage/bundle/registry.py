"""Which files a bundle may hold, and in which order they are imported.

Each app declares its files in its own ``bundle.py`` module with ``@register``;
``autodiscover()`` (run by BundleConfig.ready) imports every installed app's
``bundle`` module, as the admin does for ``admin.py``. The import order is
derived from the columns' ``references``: a file comes after the files it
references (structures and people before PLIE paths), ties keep the order of
registration. So adding a file never requires touching the framework.
"""

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import autodiscover_modules

from maillage.bundle.files import BundleFile


class Registry:
    def __init__(self):
        self._files: dict[str, BundleFile] = {}

    def register(self, file_class: type[BundleFile]) -> type[BundleFile]:
        """Class decorator: declares a file handler (instantiated once)."""
        handler = file_class()
        name = handler.name
        if not name.endswith(".csv") or name != name.casefold():
            raise ImproperlyConfigured(f"{file_class.__name__}: nom de fichier {name!r} invalide")
        names = [column.name for column in handler.columns]
        if len(set(names)) != len(names):
            raise ImproperlyConfigured(f"{name}: colonne déclarée deux fois")
        for key in handler.key_columns:
            if key not in names or not handler.column(key).required:
                raise ImproperlyConfigured(
                    f"{name}: la clé {key!r} doit être une colonne obligatoire"
                )
        self._files[name] = handler
        return file_class

    def unregister(self, name: str) -> None:
        self._files.pop(name, None)

    def get(self, name: str) -> BundleFile | None:
        return self._files.get(name.casefold())

    def names(self) -> list[str]:
        return sorted(self._files)

    def ordered(self) -> list[BundleFile]:
        """Every handler, each after the files it references (stable topological order)."""
        pending = list(self._files.values())
        for handler in pending:
            for column in handler.reference_columns():
                if column.references not in self._files:
                    raise ImproperlyConfigured(
                        f"{handler.name}: {column.name} référence {column.references}, "
                        "qui n'est déclaré par aucune application"
                    )
        ordered: list[BundleFile] = []
        while pending:
            done = {handler.name for handler in ordered}
            ready = next(
                (
                    handler
                    for handler in pending
                    if all(c.references in done for c in handler.reference_columns())
                ),
                None,
            )
            if ready is None:
                raise ImproperlyConfigured(
                    "références circulaires entre " + ", ".join(h.name for h in pending)
                )
            ordered.append(ready)
            pending.remove(ready)
        return ordered


registry = Registry()
register = registry.register


def autodiscover() -> None:
    autodiscover_modules("bundle")
