"""Load the QPV reference list (people/data/qpv_lyon.csv) into a new database.

The data lives in the versioned CSV file, not in this code: the migration reads
it with the csv module and upserts by code. Later versions of the list are loaded
with ``maillage load_qpv PATH``. Reverse is a no-op (people may point to the rows).
"""

import csv
from pathlib import Path

from django.db import migrations

QPV_FILE = Path(__file__).resolve().parent.parent / "data" / "qpv_lyon.csv"
FIELDS = ("name", "city", "postcodes", "list_version")


def load_qpv(apps, schema_editor):
    Qpv = apps.get_model("people", "Qpv")
    with QPV_FILE.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            values = {field: " ".join((row[field] or "").split()) for field in FIELDS}
            Qpv.objects.update_or_create(code=row["code"].strip(), defaults=values)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load_qpv, migrations.RunPython.noop),
    ]
