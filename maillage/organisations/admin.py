from django.contrib import admin

from maillage.organisations.models import Structure


@admin.register(Structure)
class StructureAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "territory", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["code", "name"]
