"""Form fields typed into a table cell, where no <label> stands beside them."""

from django import forms, template
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def in_cell(field: forms.BoundField) -> SafeString:
    """{{ field|in_cell }}: the input named by its form label ("Överenskommet belopp, Eksjö
    kommun"), so a screen reader says what is typed where the table shows no label."""
    return field.as_widget(attrs={"aria-label": str(field.label)})
