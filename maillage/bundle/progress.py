"""Progress of a running import, shared between the worker and the web pages.

Why a file rather than the ImportJob row: the import runs inside one
transaction, so a progress written to the database would stay invisible to
the web requests until the end (and, on SQLite, could not even be written
while the import holds the write lock). A small JSON file in the data folder,
replaced atomically, is visible at once from any process.
"""

import json
import os
import time
from pathlib import Path

from django.conf import settings


class ProgressFile:
    def __init__(self, job_id: int, *, interval: float = 0.5):
        self.path = Path(settings.DATA_DIR) / "bundle-progress" / f"{job_id}.json"
        self.interval = interval
        self._last = 0.0

    def write(self, done: int, total: int) -> None:
        """Progress callback of ``import_bundle``; throttled, except for the last call."""
        now = time.monotonic()
        if done < total and now - self._last < self.interval:
            return
        self._last = now
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps({"done": done, "total": total}))
        os.replace(temporary, self.path)

    def read(self) -> tuple[int, int] | None:
        try:
            data = json.loads(self.path.read_text())
            return int(data["done"]), int(data["total"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def delete(self) -> None:
        self.path.unlink(missing_ok=True)
