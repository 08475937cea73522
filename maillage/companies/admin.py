from django.contrib import admin

from maillage.companies.models import Company, CompanyTag


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["external_id", "name", "siret", "naf", "postcode", "charter_signed_on"]
    search_fields = ["external_id", "name", "siret"]


@admin.register(CompanyTag)
class CompanyTagAdmin(admin.ModelAdmin):
    """Clubs and networks (no personal data): the list the company form offers."""

    list_display = ["name", "kind"]
    search_fields = ["name"]
