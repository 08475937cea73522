"""Views of people's files, one module per use case: search, the file itself, merging."""

from maillage.people.views.file_views import create, detail, edit
from maillage.people.views.merge_views import merge
from maillage.people.views.search_views import search

__all__ = ["create", "detail", "edit", "merge", "search"]
