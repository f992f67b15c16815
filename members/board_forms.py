"""Forms of the board, auditor and office pages: they parse input and offer only the
association's own persons and members; the rules live in `members.board_rules`."""

from datetime import date
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from finsam.forms import PercentField, model_choice_field, service_check
from finsam.models import Association
from finsam.versions import VersionField
from members.board_rules import check_appointing
from members.board_services import (
    AuditorData,
    OfficeData,
    PersonChoice,
    SeatData,
    check_person_choice,
    check_row_values,
)
from members.models import Auditor, BoardPosition, BoardSeat, Member, OfficePost, Person, SeatKind
from members.models.organisation import AuditorKind
from members.selectors import members_of

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _date(
    label: "StrOrPromise", required: bool = True, help_text: "StrOrPromise" = ""
) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DATE, help_text=help_text)


class _PersonForm(forms.Form):
    """A person picked from the association's list, or a new name typed in.

    `clean` runs the service's checks of the person and the appointing members beside the
    form's own, so that one answer tells them all."""

    person_required = False
    model: type[BoardSeat | Auditor | OfficePost]

    person = forms.ModelChoiceField(
        label=_("Person"), queryset=Person.objects.none(), required=False
    )
    new_name = forms.CharField(
        label=_("eller ny person (namn)"),
        max_length=200,
        required=False,
        help_text=_("Skriv ett namn om personen inte finns i listan."),
    )

    def __init__(
        self,
        *args: Any,
        association: Association,
        row: BoardSeat | Auditor | OfficePost | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.association = association
        # The stored row (a rule such as one open seat a person holds is not broken by the
        # row itself), or a new one: the model's rules are checked on a copy of it.
        self.row = row or self.model(association=association)
        persons = Person.objects.filter(association=association)
        model_choice_field(self, "person").queryset = persons
        if "appointed_by" in self.fields:
            model_choice_field(self, "appointed_by").queryset = members_of(association).order_by(
                "name"
            )

    def clean(self) -> dict[str, Any]:
        super().clean()
        service_check(
            self,
            lambda person, new_name: check_person_choice(
                PersonChoice(person=person, new_name=new_name), required=self.person_required
            ),
            "person",
            "new_name",
        )
        if "appointed_by" in self.fields:
            service_check(self, self._check_appointing, "appointed_by", "start")
        # The model's rules on the fields that are valid (one told above is left out).
        service_check(self, lambda: check_row_values(self.row, self.cleaned_data))
        return self.cleaned_data

    def _check_appointing(self, appointed_by: Any, start: date) -> None:
        chosen = [appointed_by] if isinstance(appointed_by, Member) else list(appointed_by)
        check_appointing(chosen, self.association, start)

    def who(self) -> PersonChoice:
        data = self.cleaned_data
        return PersonChoice(person=data["person"], new_name=data["new_name"])


class SeatForm(_PersonForm):
    model = BoardSeat
    person_required = True
    appointed_by = forms.ModelChoiceField(
        label=_("Utsedd av"),
        queryset=Member.objects.none(),
        help_text=_("En medlem med medlemskap i förbundet den dag platsen börjar."),
    )
    kind = forms.ChoiceField(label=_("Slag"), choices=SeatKind.choices)
    position = forms.ChoiceField(label=_("Uppdrag"), choices=BoardPosition.choices, required=False)
    start = _date(_("Från"))
    end = _date(_("Till och med"), required=False, help_text=_("Tomt: tills vidare."))

    def values(self) -> SeatData:
        d = self.cleaned_data
        return SeatData(
            who=self.who(),
            appointed_by=d["appointed_by"],
            kind=d["kind"],
            position=d["position"],
            start=d["start"],
            end=d["end"],
        )

    @staticmethod
    def initial_for(seat: BoardSeat) -> dict:
        names = ("person", "appointed_by", "kind", "position", "start", "end", "version")
        return {name: getattr(seat, name) for name in names}


class SeatEditForm(SeatForm):
    version = VersionField()


class AuditorForm(_PersonForm):
    model = Auditor
    firm = forms.CharField(label=_("Revisionsbyrå"), max_length=200, required=False)
    appointed_by = forms.ModelMultipleChoiceField(
        label=_("Utsedd av"),
        queryset=Member.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Medlemmar med medlemskap i förbundet den dag uppdraget börjar."),
    )
    kind = forms.ChoiceField(label=_("Slag"), choices=AuditorKind.choices)
    start = _date(_("Från"))
    end = _date(_("Till och med"), required=False, help_text=_("Tomt: tills vidare."))

    def values(self) -> AuditorData:
        d = self.cleaned_data
        return AuditorData(
            who=self.who(),
            firm=d["firm"],
            appointed_by=list(d["appointed_by"]),
            kind=d["kind"],
            start=d["start"],
            end=d["end"],
        )

    @staticmethod
    def initial_for(auditor: Auditor) -> dict:
        names = ("person", "firm", "kind", "start", "end", "version")
        initial = {name: getattr(auditor, name) for name in names}
        return initial | {"appointed_by": list(auditor.appointed_by.all())}


class AuditorEditForm(AuditorForm):
    version = VersionField()


class OfficeForm(_PersonForm):
    model = OfficePost
    title = forms.CharField(label=_("Titel"), max_length=100)
    fte_percent = PercentField(label=_("Andel av heltid (%)"), required=False)
    employer = forms.CharField(
        label=_("Anställd hos"),
        max_length=200,
        required=False,
        help_text=_(
            "En tjänst som delas med ett annat förbund läggs in i båda förbunden, var och en "
            "med sin andel; ange arbetsgivaren här."
        ),
    )
    start = _date(_("Från"))
    end = _date(_("Till och med"), required=False, help_text=_("Tomt: tills vidare."))

    def values(self) -> OfficeData:
        d = self.cleaned_data
        return OfficeData(
            who=self.who(),
            title=d["title"],
            fte_percent=d["fte_percent"],
            employer=d["employer"],
            start=d["start"],
            end=d["end"],
        )

    @staticmethod
    def initial_for(post: OfficePost) -> dict:
        names = ("person", "title", "employer", "start", "end", "version")
        initial = {name: getattr(post, name) for name in names}
        percent = post.fte_percent
        return initial | {"fte_percent": "" if percent is None else f"{percent.normalize():f}"}


class OfficeEditForm(OfficeForm):
    version = VersionField()


class EndForm(forms.Form):
    """The last day of a seat, an auditor's term or a post; `version` is the row's."""

    version = VersionField()
    end = _date(
        _("Sista dag"), help_text=_("Dagen räknas med; en efterträdare börjar dagen efter.")
    )

    @staticmethod
    def initial_for(row: BoardSeat | Auditor | OfficePost, today: date) -> dict:
        return {"version": row.version, "end": row.end or today}
