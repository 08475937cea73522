"""Data bundles: importing and exporting folders (or .zip) of CSV files.

The format is a public, normative contract (the "Data bundle" specification):
UTF-8 with or without BOM, ``,`` or ``;``, typed columns, external
identifiers, all or nothing. This package is the framework; each app declares
the files it owns.

Import d'un lot de données — how an app adds a file
----------------------------------------------------
Write ``maillage/<app>/bundle.py``; it is found at start-up by
``registry.autodiscover()`` (like ``admin.py``), nothing else to change::

    from maillage.bundle.fields import Boolean, Date, Text
    from maillage.bundle.files import Column
    from maillage.bundle.modelfile import ModelFile
    from maillage.bundle.registry import register

    @register
    class ParcoursFile(ModelFile):
        name = "plie_parcours.csv"
        model = Parcours
        key = "parcours_id"                      # or a tuple: a composite key
        columns = (
            Column("parcours_id", Text(), required=True, field="external_id"),
            Column("person_id", Text(), required=True, field="person", references="people.csv"),
            Column("structure_code", Text(), required=True, field="referent",
                   references="structures.csv"),
            Column("entry_date", Date(), required=True),
            Column("qpv_at_entry", Boolean(), required=True),
        )

        def clean_row(self, values):             # rules across columns of one row
            if values.get("exit_date") and values["exit_date"] < values["entry_date"]:
                yield "exit_date", "date de sortie antérieure à la date d'entrée"

What the framework then does, for every file:

- header: unknown, duplicated and missing required columns are errors (line 1);
- cells: parsed by their type (``fields``: Text, Name, Date, Month, Decimal,
  Integer, Boolean, Choice, ListOf, Postcode, Email…), French messages; text
  longer than the model field is an error; an empty cell is the type's empty
  value, or an error when the column is required;
- keys: a key twice in a file is an error; ``references`` columns must name a
  row of the referenced file (same bundle) or a record already in the database
  (the referenced file's ``resolve``), and the import order follows them;
- rules across rows and files: ``check_rows(rows, context)`` runs per chunk once
  references resolve (one query per chunk at most), ``check_file(context)`` once
  the file is read; per-import data lives in ``context.state``, never on the
  handler (``maillage/plie/bundle.py``: no overlapping parcours, steps within
  their parcours);
- writing (``ModelFile``): upsert by key in chunks (``chunk_size``) with
  ``bulk_create``/``bulk_update``, only changed fields, an audit entry per
  record created or updated plus one "import" entry per file; a column absent
  from the file leaves its field untouched. Override ``match``/``resolve`` to
  find records by other identifiers (people.csv also looks in PersonAlias),
  ``prepare`` to compute derived fields (bulk writes skip ``save()``), set
  ``person_path`` so that audit entries name the person concerned, or
  subclass ``BundleFile`` for a file that is not one model;
- errors: every error of every file, as ``FILE:LINE: COLUMN: message``; one
  transaction, so any error (or ``--dry-run``) writes nothing;
- export: the same columns via each type's ``format``, so export → import
  changes nothing.

Entry points: ``importer.import_bundle(path, dry_run=, progress=)``,
``exporter.export_bundle(path)``, the commands ``import_bundle`` and
``export_bundle``, and the web pages (``bundle:upload``, run by the task
``tasks.run_import``).
"""
