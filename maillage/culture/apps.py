"""Solidarity ticketing: cultural and social partners (coopérateurs), offers, bookings,
desks, the company channel.
"""

from django.apps import AppConfig


class CultureConfig(AppConfig):
    name = "maillage.culture"
    verbose_name = "Culture pour tous (billetterie solidaire)"
