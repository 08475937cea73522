"""Protocols and their objectives, edited by administrators in the technical admin.

They hold no personal data: configuration, like structures and operations.
"""

from django.contrib import admin
from django.db import models

from maillage.reports.models import Objective, Protocol


class ObjectiveInline(admin.TabularInline):
    model = Objective
    extra = 1
    fields = ["indicator", "period", "target"]
    formfield_overrides = {models.DecimalField: {"localize": True}}  # "0,35" as typed in French


@admin.register(Protocol)
class ProtocolAdmin(admin.ModelAdmin):
    list_display = ["name", "start_year", "end_year"]
    inlines = [ObjectiveInline]
