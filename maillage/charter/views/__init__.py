"""Pages of the charter. Thin: capability (403), scoped querysets for sponsorships (404 out
of scope, each name shown audited), the services for every change.

- ``signatories``: the home page (signatories, filters, realisation rate), a company's
  charter page, the signature and commitment forms;
- ``sponsorships``: the pairs sponsor / person;
- ``evenings``: the annual evening and its guest list.
"""
