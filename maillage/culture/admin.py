"""Reference records of the ticketing in the technical admin (no personal data here).

Cultural and social partners, their venues and contacts, desks: configuration kept by
the ticketing team's superusers, like the protocol objectives.
"""

from django.contrib import admin

from maillage.culture.models import (
    CulturalPartner,
    Desk,
    PartnerContact,
    SocialPartner,
    Venue,
)


class VenueInline(admin.TabularInline):
    model = Venue
    extra = 0


class ContactInline(admin.TabularInline):
    model = PartnerContact
    extra = 0


@admin.register(CulturalPartner)
class CulturalPartnerAdmin(admin.ModelAdmin):
    list_display = ("structure", "kind", "territory", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("structure__name",)
    inlines = (VenueInline, ContactInline)


@admin.register(SocialPartner)
class SocialPartnerAdmin(admin.ModelAdmin):
    list_display = ("structure", "kind", "territory", "quota", "quota_period", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("structure__name",)


@admin.register(Desk)
class DeskAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "social_partner", "territory", "is_active")
