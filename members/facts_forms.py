"""The association's facts page: the fields staff edit, parsed; the rules live in the service."""

from django import forms
from django.utils.translation import gettext_lazy as _

from finsam.models import Association
from finsam.uploads import logo_refusal
from finsam.versions import VersionField
from members.facts_services import FACT_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AssociationFactsForm(forms.ModelForm):
    """Name, organisation number, texts and logo; full_clean shows every error at once."""

    version = VersionField()
    website = forms.URLField(label=_("Webbplats"), required=False, assume_scheme="https")
    logo = forms.FileField(
        label=_("Logotyp"),
        required=False,
        help_text=_("PNG eller JPEG, högst 2 MB. Visas på rapporternas försättsblad."),
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    remove_logo = forms.BooleanField(label=_("Ta bort logotypen"), required=False)

    class Meta:
        model = Association
        fields = FACT_FIELDS
        widgets = {
            "formed_on": DATE,
            "legal_basis": forms.Textarea(attrs={"rows": 3}),
            "vision": forms.Textarea(attrs={"rows": 3}),
            "purpose": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = self.instance.version

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo:
            refused = logo_refusal(logo, logo.name or "", logo.size or 0)
            if refused:
                raise forms.ValidationError(refused)
        return logo

    def facts(self) -> dict:
        return {name: self.cleaned_data[name] for name in FACT_FIELDS}
