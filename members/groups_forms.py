"""Forms of the groups and meetings pages; every choice is limited to the association's rows."""

from django import forms
from django.utils.translation import gettext_lazy as _

from finsam.forms import service_check
from finsam.models import Association
from finsam.versions import VersionField
from members.groups_services import check_group_member_values
from members.models import Group, GroupMembership, Meeting, Member, Person

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _choices(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    return field


class _Versioned(forms.ModelForm):
    version = VersionField()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = self.instance.version if self.instance.pk else 0

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields or ()}


class GroupForm(_Versioned):
    class Meta:
        model = Group
        fields = ("name", "kind", "description")
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class GroupMemberForm(forms.ModelForm):
    """A person of the association and/or a member organisation of it, with a role."""

    version = VersionField()

    class Meta:
        model = GroupMembership
        fields = ("person", "member", "role")
        labels = {"person": _("Person")}

    def __init__(self, *args, association: Association, group: Group, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.group = group
        _choices(self, "person").queryset = Person.objects.filter(association=association)
        _choices(self, "member").queryset = Member.objects.filter(
            memberships__association=association
        ).distinct()

    def clean(self) -> dict:
        super().clean()
        # The model's rules on the fields that are valid, with the group the service sets.
        service_check(self, lambda: check_group_member_values(self.group, self.cleaned_data))
        return self.cleaned_data

    def _post_clean(self) -> None:
        pass  # the instance has no group: `clean` checks the model's rules with it


class MeetingForm(_Versioned):
    class Meta:
        model = Meeting
        fields = ("kind", "group", "date", "start_time", "end_time", "place", "agenda")
        widgets = {
            "date": DATE,
            "start_time": TIME,
            "end_time": TIME,
            "agenda": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {"group": _("Grupp")}

    def __init__(self, *args, association: Association, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "group").queryset = Group.objects.filter(association=association)
