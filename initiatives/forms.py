"""Forms of the initiatives app: they parse and normalise input; rules live in services.

Each form knows the association (or initiative) it serves, so its choices only offer that
association's members, meetings, decisions, goals and exit reasons.
"""

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from finsam.forms import AmountField, YearField, choice_field, model_choice_field, service_check
from finsam.models import Association
from finsam.versions import ABSENT, VersionField
from initiatives import services
from initiatives.figures import HeadCountData

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

from initiatives.models import (
    Comparison,
    Decision,
    DecisionKind,
    ExitCategory,
    ExitReason,
    FollowUp,
    Goal,
    GoalKind,
    GoalLevel,
    GoalStatus,
    HeadCountKind,
    Initiative,
    InitiativeKind,
    InitiativeStatus,
    Metric,
    ReferralYear,
    Standing,
)
from members.models import Meeting, Member
from members.selectors import members_of

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _date(label: "StrOrPromise", required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DATE)


def _count(label: "StrOrPromise", required: bool = False) -> forms.IntegerField:
    return forms.IntegerField(label=label, required=required, min_value=0, max_value=1_000_000)


def _text(label: "StrOrPromise", rows: int = 3) -> forms.CharField:
    return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": rows}))


def association_members(association: Association):
    return members_of(association).order_by("name")


class InitiativeForm(forms.Form):
    """The facts of an initiative (its status changes through StatusForm)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=_("Namn"), max_length=200)
    kind = forms.ChoiceField(label=_("Slag"), choices=InitiativeKind.choices)
    owner = forms.ModelChoiceField(
        label=_("Projektägare"), queryset=Member.objects.none(), required=False
    )
    members = forms.ModelMultipleChoiceField(
        label=_("Deltagande medlemmar (minst två)"),
        queryset=Member.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    start = _date(_("Startar"), required=False)
    end = _date(_("Slutar"), required=False)
    description = _text(_("Beskrivning"))
    target_group = _text(_("Målgrupp"), rows=2)
    age_from = forms.IntegerField(label=_("Ålder från"), required=False, min_value=0, max_value=120)
    age_to = forms.IntegerField(label=_("Ålder till"), required=False, min_value=0, max_value=120)
    staffing = forms.CharField(label=_("Bemanning"), max_length=300, required=False)
    evaluation_plan = _text(_("Utvärderingsplan"), rows=2)

    def __init__(
        self, *args, association: Association, initiative: Initiative | None = None, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.association = association
        # The stored initiative, or a new one: the model's rules are checked on a copy of it.
        self.initiative = initiative or Initiative(association=association)
        members = association_members(association)
        model_choice_field(self, "owner").queryset = members
        model_choice_field(self, "members").queryset = members

    def clean(self) -> dict[str, Any]:
        super().clean()
        service_check(
            self,
            lambda members, owner: services.check_members(self.association, list(members), owner),
            "members",
            "owner",
        )
        # The model's rules on the fields that are valid (a field told above is left out).
        service_check(self, lambda: services.check_facts(self.initiative, self.cleaned_data))
        return self.cleaned_data

    def facts(self) -> services.InitiativeFacts:
        data = {k: v for k, v in self.cleaned_data.items() if k != "version"}
        data["members"] = list(data["members"])
        return services.InitiativeFacts(**data)

    @staticmethod
    def initial_for(initiative: Initiative) -> dict:
        initial = {f: getattr(initiative, f) for f in (*Initiative.EDITABLE_FIELDS, "version")}
        initial["members"] = list(initiative.members.all())
        return initial


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Ny status"), choices=InitiativeStatus.choices)
    on = _date(_("Datum"))
    comment = forms.CharField(label=_("Kommentar"), max_length=300, required=False)

    def __init__(self, *args, initiative: Initiative, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.initiative = initiative
        choice_field(self, "status").choices = initiative.next_statuses

    def clean(self) -> dict[str, Any]:
        super().clean()
        service_check(self, lambda on: services.check_status_change(self.initiative, on=on), "on")
        return self.cleaned_data


class DecisionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Slag"), choices=DecisionKind.choices)
    decided_on = _date(_("Beslutsdatum"))
    meeting = forms.ModelChoiceField(
        label=_("Styrelsemöte"), queryset=Meeting.objects.none(), required=False
    )
    amount = AmountField(label=_("Belopp (kr)"), required=False)
    period_start = _date(_("Medlen avser från"), required=False)
    period_end = _date(_("Medlen avser till och med"), required=False)
    revokes: "forms.ModelChoiceField[Decision]" = forms.ModelChoiceField(
        label=_("Upphäver beslutet"), queryset=Decision.objects.none(), required=False
    )
    text = _text(_("Beslutstext"))

    def __init__(self, *args, initiative: Initiative, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.initiative = initiative
        model_choice_field(self, "meeting").queryset = Meeting.objects.filter(
            association=initiative.association, kind__in=["board", "extra_board"]
        )
        model_choice_field(self, "revokes").queryset = initiative.decisions.exclude(
            kind=DecisionKind.REVOCATION
        ).filter(revoked_by__isnull=True)

    def clean(self) -> dict[str, Any]:
        super().clean()

        def check(kind: str, meeting: Meeting | None, revokes: Decision | None) -> None:
            # A missing or unreadable date is the form's to tell; the rest is checked without.
            decided_on = self.cleaned_data.get("decided_on")
            data = services.DecisionData(kind, decided_on, meeting=meeting, revokes=revokes)
            services.check_decision(self.initiative, data)

        service_check(self, check, "kind", "meeting", "revokes")
        # The model's rules on the fields that are valid (one told above is left out).
        service_check(
            self, lambda: services.check_decision_values(self.initiative, self.cleaned_data)
        )
        return self.cleaned_data

    def data_object(self) -> services.DecisionData:
        return services.DecisionData(**self.cleaned_data)


class GoalForm(forms.Form):
    code = forms.CharField(label=_("Beteckning"), max_length=10, required=False)
    text = forms.CharField(label=_("Mål"), widget=forms.Textarea(attrs={"rows": 2}))
    kind = forms.ChoiceField(label=_("Slag"), choices=GoalKind.choices)
    level = forms.ChoiceField(label=_("Nivå"), choices=GoalLevel.choices)
    metric = forms.ChoiceField(
        label=_("Mått"), choices=[("", "–"), *Metric.choices], required=False
    )
    comparison = forms.ChoiceField(
        label=_("Jämförelse"), choices=[("", "–"), *Comparison.choices], required=False
    )
    target_value = AmountField(label=_("Målvärde"), required=False)
    target_per = forms.CharField(label=_("Gäller"), max_length=100, required=False)
    counted_exits = forms.ChoiceField(
        label=_("Mäts på avslut som räknas som"),
        choices=[("", "–"), *ExitCategory.choices],
        required=False,
        help_text=_("Bara för andelar: utfallet beräknas ur tabellen över avslut."),
    )
    parent = forms.ModelChoiceField(
        label=_("Delmål till"), queryset=Goal.objects.none(), required=False
    )

    def __init__(
        self,
        *args,
        association: Association,
        initiative: Initiative | None,
        goal: Goal | None = None,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.goal = goal or Goal(association=association, initiative=initiative)
        model_choice_field(self, "parent").queryset = Goal.objects.filter(
            association=association, initiative=initiative
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        service_check(self, lambda parent: services.check_goal_parent(self.goal, parent), "parent")
        # The model's rules on the fields that are valid (one told above is left out).
        service_check(self, lambda: services.check_goal_values(self.goal, self.cleaned_data))
        return self.cleaned_data

    def data_object(self, order: int = 0) -> services.GoalData:
        data = {k: v for k, v in self.cleaned_data.items() if k != "version"}
        return services.GoalData(**data, order=order)

    @staticmethod
    def initial_for(goal: Goal) -> dict:
        initial = {f: getattr(goal, f) for f in (*Goal.EDITABLE_FIELDS, "version")}
        value = goal.target_value
        initial["target_value"] = "" if value is None else format(value.normalize(), "f")
        return initial


class GoalEditForm(GoalForm):
    """A stored goal changed: the version read with it is checked on save."""

    version = VersionField()


class MeasuredCountField(AmountField):
    """A measured count ("12", "12,5" as an average): typed like an amount, called a count."""

    def to_python(self, value: str | None) -> Decimal | None:  # type: ignore[override]
        try:
            return super().to_python(value)
        except forms.ValidationError as error:
            message = _("”%(text)s” är inget antal; skriv t.ex. 12.") % {"text": value}
            raise forms.ValidationError(message, code="invalid_count") from error


class OutcomeForm(forms.Form):
    """An outcome entered for a goal; `version` is the goal's, which its outcomes raise.

    A share is entered as its two counts, any other goal as one count: the form offers only
    the fields the goal's metric takes."""

    version = VersionField()
    period_start = _date(_("Period från"))
    period_end = _date(_("Period till och med"))
    interim = forms.BooleanField(label=_("Delårsvärde (målets period pågår)"), required=False)
    value = MeasuredCountField(label=_("Antal"), required=False)
    numerator = _count(_("Antal som nått målet"))
    denominator = _count(_("Av totalt antal"))
    override = forms.ChoiceField(
        label=_("Bedömd status"),
        choices=[("", _("Beräknad status gäller")), *GoalStatus.choices],
        required=False,
    )
    comment = _text(_("Kommentar"), rows=2)

    def __init__(self, *args, goal: Goal, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        share = goal.metric == Metric.SHARE
        for name in ("value",) if share else ("numerator", "denominator"):
            del self.fields[name]
        self.goal = goal

    def clean(self) -> dict[str, Any]:
        super().clean()
        # The model's rules on the fields that are valid, in the same answer as the form's.
        service_check(self, lambda: services.check_outcome_values(self.goal, self.cleaned_data))
        return self.cleaned_data

    def data_object(self) -> services.OutcomeData:
        data = {k: v for k, v in self.cleaned_data.items() if k != "version"}
        return services.OutcomeData(**data)


class FollowUpForm(forms.Form):
    start = _date(_("Från"))
    end = _date(_("Till och med"))
    label = forms.CharField(label=_("Benämning"), max_length=100, required=False)


class HeadCountForm(forms.Form):
    """One head count of a follow-up; `version` is the follow-up's."""

    version = VersionField()
    kind = forms.ChoiceField(label=_("Avser"), choices=HeadCountKind.choices)
    total = _count(_("Antal"), required=True)
    women = _count(_("Kvinnor"))
    men = _count(_("Män"))
    under_30 = _count(_("Under 30 år"))
    born_abroad = _count(_("Utrikesfödda"))
    needs_interpreter = _count(_("Behov av tolk"))

    def data_object(self) -> HeadCountData:
        data = {k: v for k, v in self.cleaned_data.items() if k != "version"}
        return HeadCountData(**data)


PRINTED_HELP = _("Valfritt: summan som står i dokumentet; den måste stämma med raderna.")


def _stored(form: forms.Form, counts: Mapping[str, object], version: int) -> None:
    """Open the form with the stored rows and their version, so saving changes only what the
    user changed (an empty field removes its row)."""
    form.initial = {**counts, "version": version, **form.initial}


class ExitsForm(forms.Form):
    """One count per reason in the association's list, and an optional printed total.
    Opens with the follow-up's stored exits; `version` is the follow-up's."""

    version = VersionField()

    def __init__(self, *args, association: Association, follow_up: FollowUp, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # A retired reason is offered only where this period already counts it.
        self.reasons = list(
            ExitReason.objects.filter(association=association)
            .filter(Q(retired=False) | Q(exitcount__follow_up=follow_up))
            .distinct()
        )
        for reason in self.reasons:
            self.fields[f"reason_{reason.pk}"] = _count(str(reason))
        self.fields["printed_total"] = _count(_("Tryckt summa"))
        self.fields["printed_total"].help_text = PRINTED_HELP
        stored = {f"reason_{row.reason_id}": row.count for row in follow_up.exit_counts.all()}
        _stored(self, stored, follow_up.version)

    def counts(self) -> dict[ExitReason, int]:
        return {
            r: self.cleaned_data[f"reason_{r.pk}"]
            for r in self.reasons
            if self.cleaned_data[f"reason_{r.pk}"] is not None
        }


class StandingsForm(forms.Form):
    """How many of the enrolled stand at each step, and an optional printed total.
    Opens with the follow-up's stored standings; `version` is the follow-up's."""

    version = VersionField()

    def __init__(self, *args, follow_up: FollowUp, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for standing in Standing:
            self.fields[standing.value] = _count(standing.label)
        self.fields["printed_total"] = _count(_("Tryckt summa"))
        self.fields["printed_total"].help_text = PRINTED_HELP
        stored = {row.standing: row.count for row in follow_up.standing_counts.all()}
        _stored(self, stored, follow_up.version)

    def counts(self) -> dict[str, int]:
        return {
            s.value: self.cleaned_data[s.value]
            for s in Standing
            if self.cleaned_data[s.value] is not None
        }


class ReferralYearForm(forms.Form):
    """One year's column of the referral table: a count per member, an optional printed total.

    With `column` (a stored year) it opens with that year's counts, members in the order they
    print; `version` is the column's (`ABSENT` for a year not entered yet)."""

    version = VersionField()
    year = YearField(label=_("År"))
    through = _date(_("Till och med (tomt: hela året)"), required=False)

    def __init__(
        self, *args, association: Association, column: ReferralYear | None = None, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        rows = list(column.counts.all()) if column else []
        order = {row.member_id: index for index, row in enumerate(rows)}
        members = association_members(association)
        self.members = sorted(members, key=lambda m: order.get(m.pk, len(order)))
        for member in self.members:
            self.fields[f"member_{member.pk}"] = _count(member.name)
        self.fields["printed_total"] = _count(_("Tryckt summa"))
        self.fields["printed_total"].help_text = PRINTED_HELP
        stored: dict[str, object] = {f"member_{row.member_id}": row.count for row in rows}
        if column is not None:
            stored |= {"year": column.year, "through": column.through}
        _stored(self, stored, column.version if column else ABSENT)

    def counts(self) -> dict[Member, int]:
        return {
            m: self.cleaned_data[f"member_{m.pk}"]
            for m in self.members
            if self.cleaned_data[f"member_{m.pk}"] is not None
        }
