from django.contrib import admin

from maillage.programme.models import CallForProjects, Operation


@admin.register(Operation)
class OperationAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "structure", "axis", "year", "budget_eur", "fse_eur"]
    list_filter = ["year", "axis"]
    search_fields = ["code", "title"]
    list_select_related = ["structure"]


@admin.register(CallForProjects)
class CallForProjectsAdmin(admin.ModelAdmin):
    list_display = ["year", "title", "launched_on", "deadline"]
