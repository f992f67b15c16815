"""The order of a structure page's rows as the page shows it, sent back with a move."""

from collections.abc import Iterable

from django import template
from django.db import models

from budgets.services.ordering import order_fingerprint

register = template.Library()


@register.filter
def shown_order(items: Iterable[models.Model]) -> str:
    return order_fingerprint(items)
