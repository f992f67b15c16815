"""Forms of the users pages: they parse and normalise input; rules live in services."""

from typing import Any

from django import forms
from django.core.mail.message import sanitize_address
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from finsam.forms import service_check
from finsam.permissions import Role
from finsam.users.services import check_new_account


class MailAddressField(forms.EmailField):
    """An address mail can be sent to: the validator lets through some characters (U+202E in
    the domain) that sending the mail then cannot encode, a 500 where the mail is sent."""

    def clean(self, value):
        address = super().clean(value)
        try:
            sanitize_address(address, "utf-8")
        except (ValueError, UnicodeError) as error:
            raise forms.ValidationError(
                gettext("Det går inte att skicka e-post till %(email)s.") % {"email": address}
            ) from error
        return address


class UserCreateForm(forms.Form):
    """A new account: a taken user name is refused (an existing person is invited instead)."""

    username = forms.CharField(
        label=_("Användarnamn"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    full_name = forms.CharField(label=_("Namn"), max_length=150, required=False)
    email = MailAddressField(
        label=_("E-postadress"), widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    role = forms.ChoiceField(label=_("Roll"), choices=Role.choices)
    password = forms.CharField(
        label=_("Startlösenord"),
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        # The account's problems (a taken name, a weak password) in the same answer as the
        # form's own, such as an unreadable e-mail address.
        service_check(
            self,
            lambda username, password: check_new_account(
                username=username,
                password=password,
                email=self.cleaned_data.get("email") or "",
                full_name=self.cleaned_data.get("full_name") or "",
            ),
            "username",
            "password",
        )
        return self.cleaned_data


class InvitationForm(forms.Form):
    email = MailAddressField(
        label=_("E-postadress"), widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    role = forms.ChoiceField(label=_("Roll"), choices=Role.choices)


class UserRoleChangeForm(forms.Form):
    role = forms.ChoiceField(label=_("Roll"), choices=Role.choices)
