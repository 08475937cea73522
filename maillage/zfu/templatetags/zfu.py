"""Money and rates of the simulator, written the French way (``50 000 €``)."""

from django import template

from maillage.zfu.facts import euros as format_euros

register = template.Library()


@register.filter
def euros(amount: int) -> str:
    return format_euros(amount)
