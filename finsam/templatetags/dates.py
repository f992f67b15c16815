"""A date kept on one line: "7 december 2026" or "2026-12-07 19:26" never breaks inside."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def nowrap(value: object) -> str:
    """The formatted date in a span that a line may not break (empty stays empty, so that
    `|default` still applies)."""
    if value in (None, ""):
        return ""
    return format_html('<span class="nowrap">{}</span>', value)
