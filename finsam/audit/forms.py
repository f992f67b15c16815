"""The history log's filter form."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from finsam.audit.log import Filters
from finsam.forms import DateRangeEndField, choice_field


class HistoryFilterForm(forms.Form):
    """The association log's filters, read from the query string; bad input narrows nothing."""

    fran = DateRangeEndField(label=_("Från och med"), required=False)
    till = DateRangeEndField(label=_("Till och med"), required=False)
    anvandare = forms.TypedChoiceField(label=_("Vem"), required=False, coerce=int, empty_value=None)
    slag = forms.ChoiceField(label=_("Slag av uppgift"), required=False)

    def __init__(self, *args, users: list, kinds: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        everyone = [("", gettext("alla"))]
        choice_field(self, "anvandare").choices = everyone + [
            (user.pk, user.get_full_name() or user.username) for user in users
        ]
        choice_field(self, "slag").choices = everyone + kinds

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("fran"), data.get("till")
        if start and end and end < start:
            raise forms.ValidationError(gettext("Till-datumet ligger före från-datumet."))
        return data

    def filters(self) -> Filters:
        """What the reader asked for; an invalid form asks for nothing."""
        if not self.is_valid():
            return Filters()
        data = self.cleaned_data
        return Filters(data["fran"], data["till"], data["anvandare"], data["slag"])
