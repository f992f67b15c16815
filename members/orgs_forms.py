"""Forms for an association's members and population figures: they parse, services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from finsam.versions import VersionField
from members.models import MemberKind

DATE_HELP = _("ÅÅÅÅ-MM-DD")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class OrganisationSearchForm(forms.Form):
    sok = forms.CharField(
        label=_("Sök organisation (namn eller organisationsnummer)"), required=False, max_length=200
    )


class MembershipStartForm(forms.Form):
    """Pick an existing organisation (by its id, from the search) and the day it joins."""

    member = forms.IntegerField(widget=forms.HiddenInput)
    valid_from = forms.DateField(
        label=_("Medlem från"),
        required=False,
        widget=DateInput(),
        help_text=_("Tomt: sedan förbundet bildades."),
    )


class OrganisationNewForm(forms.Form):
    """An organisation not in the application yet, and the day it joins the association."""

    name = forms.CharField(label=_("Namn"), max_length=200)
    kind = forms.ChoiceField(label=_("Slag"), choices=MemberKind.choices)
    org_number = forms.CharField(
        label=_("Organisationsnummer"),
        max_length=13,
        required=False,
        help_text=_("T.ex. 212000-0589."),
    )
    valid_from = forms.DateField(
        label=_("Medlem från"),
        required=False,
        widget=DateInput(),
        help_text=_("Tomt: sedan förbundet bildades."),
    )


class MembershipEndForm(forms.Form):
    version = VersionField()
    valid_to = forms.DateField(
        label=_("Sista dag som medlem"), widget=DateInput(), help_text=DATE_HELP
    )


class MemberRenameForm(forms.Form):
    version = VersionField()
    name = forms.CharField(label=_("Nytt namn"), max_length=200)
    valid_from = forms.DateField(label=_("Gäller från"), widget=DateInput(), help_text=DATE_HELP)


class PopulationFigureForm(forms.Form):
    version = VersionField(required=False)
    member = forms.TypedChoiceField(label=_("Kommun"), coerce=int)
    date = forms.DateField(
        label=_("Datum"), widget=DateInput(), help_text=_("Fördelningsnyckeln läser 1 november.")
    )
    population = forms.IntegerField(label=_("Invånare"), min_value=0)

    def __init__(self, *args, municipalities, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [(m.pk, m.name) for m in municipalities]  # type: ignore[attr-defined]
