"""Offers and campaigns (no personal data) in the technical admin; candidates never."""

from django.contrib import admin

from maillage.recruitment.models import Campaign, CampaignSession, JobOffer


class SessionInline(admin.TabularInline):
    model = CampaignSession
    extra = 1


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ("title", "company", "opened_on")
    inlines = [SessionInline]
    raw_id_fields = ("company",)


@admin.register(JobOffer)
class JobOfferAdmin(admin.ModelAdmin):
    list_display = ("title", "company", "rome_code", "status", "published_on")
    list_filter = ("status", "source")
    raw_id_fields = ("company",)
