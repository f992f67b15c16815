"""The back office's forms keep an association's rows inside it too.

`full_clean()` already refuses a foreign key that leaves the row's association; the links of
a many-to-many field are written after it, where a refusal would be an error page. Here they
are checked with the form, next to their field. On an existing row the choices are also
limited to its association's rows and members.
"""

from django import forms
from django.db import models

from finsam.tenant_links import (
    association_id_of,
    checked_links,
    inside_rows,
    is_owned,
    many_errors,
)


class ManyLinksChecked(forms.ModelForm):
    def _post_clean(self) -> None:
        super()._post_clean()  # type: ignore[misc]  # django-stubs leave out this ModelForm hook
        for field in checked_links(self.instance._meta.model):
            if field.many_to_many and field.name in self.fields:
                chosen = self.cleaned_data.get(field.name)
                if chosen is None:
                    continue
                for message in many_errors(self.instance, field, [row.pk for row in chosen]):
                    self.add_error(field.name, message)


def checked_form(form: type[forms.ModelForm]) -> type[forms.ModelForm]:
    """`form` with its many-to-many links checked."""
    return type(form.__name__, (ManyLinksChecked, form), {"__module__": form.__module__})


def limit_choices(form: type[forms.ModelForm], obj: models.Model | None) -> type[forms.ModelForm]:
    """For an existing `obj`, its form's links offer only the rows and members of its
    association. Changes `form`'s fields: for a form class made for this one request."""
    if obj is None or not obj.pk or not is_owned(type(obj)):
        return form  # a new row, or a shared one (a member organisation) that no association owns
    association_id = association_id_of(obj)
    if obj is None or association_id is None:
        return form
    for field in checked_links(obj._meta.model):
        choice = form.base_fields.get(field.name)
        if isinstance(choice, forms.ModelChoiceField) and choice.queryset is not None:
            inside = inside_rows(field, association_id).values("pk")
            choice.queryset = choice.queryset.filter(pk__in=inside)
    return form
