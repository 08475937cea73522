"""Budgets are set in the technical admin (no personal data there)."""

from django.contrib import admin

from maillage.aids.models import AidBudget


@admin.register(AidBudget)
class AidBudgetAdmin(admin.ModelAdmin):
    list_display = ("year", "kind", "envelope")
    list_filter = ("year", "kind")
