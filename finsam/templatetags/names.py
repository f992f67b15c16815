"""Names as they were on a date: a renamed organisation shows the name it had that day."""

from datetime import date

from django import template

register = template.Library()


@register.filter
def name_on(member, day: date) -> str:
    """{{ member|name_on:day }}: "Landstinget i Jönköpings län" on a day in 2014."""
    return member.name_on(day)
