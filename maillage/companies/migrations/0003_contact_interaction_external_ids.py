"""External ids for contacts and interactions (company_contacts.csv, company_interactions.csv).

Added nullable, filled row by row (a callable default would give every existing
row the same value), then made unique with its default.
"""

import secrets

from django.db import migrations, models

import maillage.companies.crm


def fill_ids(apps, schema_editor):
    for model, prefix in (("Contact", "MA-CT-"), ("Interaction", "MA-IN-")):
        Model = apps.get_model("companies", model)
        rows = list(Model.objects.filter(external_id__isnull=True).only("pk"))
        for row in rows:
            row.external_id = f"{prefix}{secrets.token_hex(5).upper()}"
        Model.objects.bulk_update(rows, ["external_id"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("companies", "0002_crm_contacts_interactions"),
    ]

    operations = [
        migrations.AddField(
            model_name="contact",
            name="external_id",
            field=models.CharField(max_length=64, null=True, verbose_name="identifiant externe"),
        ),
        migrations.AddField(
            model_name="interaction",
            name="external_id",
            field=models.CharField(max_length=64, null=True, verbose_name="identifiant externe"),
        ),
        migrations.RunPython(fill_ids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="contact",
            name="external_id",
            field=models.CharField(
                default=maillage.companies.crm.new_contact_id,
                help_text="Colonne contact_id des imports ; attribué automatiquement sinon.",
                max_length=64,
                unique=True,
                verbose_name="identifiant externe",
            ),
        ),
        migrations.AlterField(
            model_name="interaction",
            name="external_id",
            field=models.CharField(
                default=maillage.companies.crm.new_interaction_id,
                help_text="Colonne interaction_id des imports ; attribué automatiquement sinon.",
                max_length=64,
                unique=True,
                verbose_name="identifiant externe",
            ),
        ),
    ]
