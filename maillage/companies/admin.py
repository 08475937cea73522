from django.contrib import admin

from maillage.companies.models import Company


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["external_id", "name", "siret", "naf", "postcode", "charter_signed_on"]
    search_fields = ["external_id", "name", "siret"]
