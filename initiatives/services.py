"""Writes of the initiatives app. Each service is atomic, keyword-only, and locks the
initiative (or association) row it checks rules across; messages are Swedish and say what
is wrong. Participant figures have their own module, `initiatives.figures`.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from djmoney.money import Money

from finsam.lib.numbers import format_amount
from finsam.models import Association
from finsam.problems import Problems, check_model
from finsam.versions import version_checked
from initiatives import grants
from initiatives.models import (
    NEXT_STATUSES,
    Decision,
    DecisionKind,
    Goal,
    Initiative,
    InitiativeStatus,
    Outcome,
    StatusChange,
)
from members.models import Meeting, Member
from members.selectors import members_of


@dataclass(frozen=True)
class InitiativeFacts:
    """What staff enter about an initiative (everything but its status)."""

    name: str
    members: list[Member]
    owner: Member | None = None
    description: str = ""
    target_group: str = ""
    age_from: int | None = None
    age_to: int | None = None
    start: date | None = None
    end: date | None = None
    staffing: str = ""
    evaluation_plan: str = ""
    kind: str = "individual"


def _lock(initiative: Initiative) -> Initiative:
    return Initiative.objects.select_for_update().get(pk=initiative.pk)


def check_members(association: Association, members: list[Member], owner: Member | None) -> None:
    """Every problem with the chosen members at once, each at its field. Public: the form
    runs it too, so that these problems come in the same answer as the form's own."""
    chosen = {m.pk for m in members}
    problems = Problems()
    if len(chosen) < 2:
        problems.add(
            "members",
            ngettext(
                "En insats ska ha minst två deltagande medlemmar (finansiell samordning kräver "
                "minst två parter); %(count)s är vald.",
                "En insats ska ha minst två deltagande medlemmar (finansiell samordning kräver "
                "minst två parter); %(count)s är vald.",
                len(chosen),
            )
            % {"count": len(chosen)},
        )
    belonging = set(members_of(association).filter(pk__in=chosen).values_list("pk", flat=True))
    if chosen - belonging:
        problems.add("members", _("En deltagande organisation är inte medlem i förbundet."))
    if owner is not None and owner.pk not in chosen:
        problems.add(
            "owner",
            _("Projektägaren %(owner)s ska vara en av de deltagande medlemmarna.")
            % {"owner": owner},
        )
    problems.raise_any()


def check_facts(initiative: Initiative, values: Mapping[str, Any]) -> None:
    """The model's own rules on the facts given (a form's valid fields), each at its field.
    Public: the form runs it beside its own checks, so that an end before the start comes
    in the same answer as a missing name."""
    check_model(initiative, values, Initiative.EDITABLE_FIELDS)


def _apply(initiative: Initiative, facts: InitiativeFacts) -> Initiative:
    """Save the facts, or refuse with every problem: the members' and the model's together."""
    for field in Initiative.EDITABLE_FIELDS:
        setattr(initiative, field, getattr(facts, field))
    problems = Problems()
    with problems.gathered():
        check_members(initiative.association, facts.members, facts.owner)
    with problems.gathered():
        initiative.full_clean()
    problems.raise_any()
    initiative.save()
    initiative.members.set(facts.members)
    return initiative


def initiative_create(
    *, association: Association, facts: InitiativeFacts, status: str = InitiativeStatus.APPLICATION
) -> Initiative:
    """A new initiative; `status` other than application only for historic entries."""
    with transaction.atomic():
        Association.objects.select_for_update().get(pk=association.pk)
        initiative = Initiative(association=association, status=status)
        return _apply(initiative, facts)


def initiative_update(
    *, initiative: Initiative, expected_version: int, facts: InitiativeFacts
) -> Initiative:
    """Save the facts; refuse if someone else saved since the form was opened."""
    with transaction.atomic():
        locked = _lock(initiative)
        version_checked(locked, expected_version, what=_("Insatsen"))
        return _apply(locked, facts)


def initiative_set_status(
    *, initiative: Initiative, status: str, on: date, by=None, comment: str = ""
) -> StatusChange:
    """Move the initiative one step in its life, recording the date and who did it."""
    with transaction.atomic():
        locked = _lock(initiative)
        problems = Problems()
        with problems.gathered():
            check_status_change(locked, status=status, on=on)
        change = StatusChange(
            initiative=locked,
            from_status=locked.status,
            to_status=status,
            on=on,
            by=by,
            comment=comment,
        )
        with problems.gathered():
            change.full_clean()
        problems.raise_any()
        change.save()
        locked.status = status
        locked.version += 1
        locked.save(update_fields=["status", "version"])
        return change


def check_status_change(
    initiative: Initiative, *, status: str | None = None, on: date | None = None
) -> None:
    """Whether the initiative may take `status` on the day `on`, both told at once at their
    fields; a value not given is not checked (the form runs this with what it has)."""
    problems = Problems()
    if status is not None and status not in NEXT_STATUSES[initiative.status]:
        problems.add(
            "status",
            _("En insats med status ”%(current)s” kan inte få status ”%(next)s”.")
            % {"current": initiative.get_status_display(), "next": InitiativeStatus(status).label},
        )
    previous = initiative.status_changes.order_by("-on", "-pk").first()
    if on is not None and previous is not None and on < previous.on:
        problems.add(
            "on",
            _("Datumet %(date)s ligger före förra statusändringen (%(previous)s).")
            % {"date": f"{on:%Y-%m-%d}", "previous": f"{previous.on:%Y-%m-%d}"},
        )
    problems.raise_any()


@dataclass(frozen=True)
class DecisionData:
    """A board decision as entered."""

    kind: str
    decided_on: date | None
    amount: Decimal | None = None
    period_start: date | None = None
    period_end: date | None = None
    meeting: Meeting | None = None
    revokes: Decision | None = None
    text: str = ""


DECISION_VALUES = (
    "kind",
    "decided_on",
    "meeting",
    "amount",
    "period_start",
    "period_end",
    "revokes",
    "text",
)


def check_decision_values(initiative: Initiative, values: Mapping[str, Any]) -> None:
    """The model's own rules (a period ending before it starts, an amount that does not fit
    the kind) on the values given (a form's valid fields), each at its field where it has
    one. Public: the form runs it beside its own checks."""
    given = {name: values[name] for name in DECISION_VALUES if name in values}
    if given.get("amount") is not None:
        given["amount"] = Money(given["amount"], "SEK")
    check_model(Decision(initiative=initiative), given, DECISION_VALUES)


def decision_record(*, initiative: Initiative, data: DecisionData, by=None) -> Decision:
    """Record a decision; refuse one that leaves any year with a negative granted amount."""
    with transaction.atomic():
        locked = _lock(initiative)
        problems = Problems()
        with problems.gathered():
            check_decision(locked, data)
        # django-stubs types a MoneyField as the DecimalField it extends: it takes Money too.
        decision = Decision(  # type: ignore[misc]
            initiative=locked,
            kind=data.kind,
            decided_on=data.decided_on,
            meeting=data.meeting,
            amount=None if data.amount is None else Money(data.amount, "SEK"),
            period_start=data.period_start,
            period_end=data.period_end,
            revokes=data.revokes,
            text=data.text,
            recorded_by=by,
        )
        with problems.gathered():
            decision.full_clean()
        problems.raise_any()
        decision.save()
        _check_not_negative(list(locked.decisions.all()))
        return decision


def _check_not_negative(decisions: list[Decision]) -> None:
    """No reduction may take away more than is granted for its own period."""
    for reduction in grants.standing(decisions):
        if reduction.kind != DecisionKind.REDUCTION:
            continue
        left = grants.within(decisions, *grants.period(reduction)) or Decimal(0)
        if left < 0:
            raise ValidationError(
                _(
                    "Beslutet skulle ge insatsen ett negativt beviljat belopp för perioden "
                    "%(start)s–%(end)s (%(amount)s kr); en minskning kan inte vara större än "
                    "det beviljade."
                )
                % {
                    "start": f"{reduction.period_start:%Y-%m-%d}",
                    "end": f"{reduction.period_end:%Y-%m-%d}",
                    "amount": format_amount(left),
                }
            )


def check_decision(initiative: Initiative, data: DecisionData) -> None:
    """Every problem with the decision's meeting and revoked decision at once, each at its
    field. Public: the form runs it too, beside its own checks."""
    errors: dict[str, list[str]] = {}
    meeting = data.meeting
    if meeting is not None and meeting.association_id != initiative.association_id:
        errors["meeting"] = [_("Mötet hör inte till förbundet.")]
    elif meeting is not None and data.decided_on and meeting.date != data.decided_on:
        errors["decided_on"] = [
            _("Beslutsdatumet %(date)s är inte mötets datum (%(meeting)s).")
            % {"date": f"{data.decided_on:%Y-%m-%d}", "meeting": f"{meeting.date:%Y-%m-%d}"}
        ]
    target = data.revokes
    if data.kind == DecisionKind.REVOCATION:
        if target is None or target.initiative_id != initiative.pk:
            errors["revokes"] = [_("Ange vilket av insatsens beslut som upphävs.")]
        elif target.kind == DecisionKind.REVOCATION:
            errors["revokes"] = [
                _("Ett upphävande kan inte i sin tur upphävas; fatta ett nytt beslut.")
            ]
        elif target.is_revoked:
            errors["revokes"] = [_("Beslutet är redan upphävt.")]
        if target and data.decided_on and target.decided_on and data.decided_on < target.decided_on:
            errors.setdefault("decided_on", []).append(
                _("Ett beslut kan inte upphävas före det fattades.")
            )
    if errors:
        raise ValidationError(errors)


@dataclass(frozen=True)
class GoalData:
    """A goal as entered; target fields only for measurable result goals."""

    text: str
    kind: str
    level: str
    code: str = ""
    metric: str = ""
    comparison: str = ""
    target_value: Decimal | None = None
    target_per: str = ""
    counted_exits: str = ""
    parent: Goal | None = None
    order: int = 0


# What the goal form sets on a goal (its order is the service's to give).
GOAL_VALUES = tuple(name for name in GoalData.__dataclass_fields__ if name != "order")


def goal_create(
    *, association: Association, data: GoalData, initiative: Initiative | None = None
) -> Goal:
    """A goal of the association (no initiative) or of one of its initiatives."""
    with transaction.atomic():
        Association.objects.select_for_update().get(pk=association.pk)
        goal = Goal(association=association, initiative=initiative)
        problems = Problems()
        if initiative is not None and initiative.association_id != association.pk:
            problems.add(None, _("Insatsen hör inte till förbundet."))
        return _save_goal(goal, data, problems)


def goal_update(*, goal: Goal, data: GoalData, expected_version: int) -> Goal:
    """Change a goal's text, level or target; its outcomes are then judged against the new one.
    Refused if the goal (or an outcome of it) was saved since the form read `expected_version`.
    """
    with transaction.atomic():
        # The goal tree is checked as a whole (no goal below itself), so two editors changing
        # parents at once are taken one after the other: the association's row is the lock.
        Association.objects.select_for_update().get(pk=goal.association_id)
        locked = Goal.objects.select_for_update().get(pk=goal.pk)
        version_checked(locked, expected_version, what=_("Målet"))
        return _save_goal(locked, data)


def _save_goal(goal: Goal, data: GoalData, problems: Problems | None = None) -> Goal:
    """Save the goal, or refuse with every problem: its parent's and the model's together."""
    problems = problems or Problems()
    with problems.gathered():
        check_goal_parent(goal, data.parent)
    for field, value in data.__dict__.items():
        setattr(goal, field, value)
    with problems.gathered():
        goal.full_clean()
    problems.raise_any()
    goal.save()
    return goal


def check_goal_values(goal: Goal, values: Mapping[str, Any]) -> None:
    """The model's own rules (a measurable target complete, a share at most 100 %) on the
    values given (a form's valid fields), each at its field. Public: the form runs it beside
    its own checks."""
    given = {name: values[name] for name in GOAL_VALUES if name in values}
    check_model(goal, given, GOAL_VALUES)


def check_goal_parent(goal: Goal, parent: Goal | None) -> None:
    """A goal's parent is a goal of the same association and initiative, and not the goal
    itself or one below it. Public: the form runs it beside its own checks."""
    if parent is None:
        return
    if parent.association_id != goal.association_id or parent.initiative_id != goal.initiative_id:
        raise ValidationError(
            {"parent": _("Ett delmål hör till samma förbund och samma insats som sitt mål.")}
        )
    if goal.pk is not None and _is_below(parent, goal):
        raise ValidationError(
            {"parent": _("Ett mål kan inte vara delmål till sig självt eller sina delmål.")}
        )


def _is_below(candidate: Goal | None, goal: Goal) -> bool:
    while candidate is not None:
        if candidate.pk == goal.pk:
            return True
        candidate = candidate.parent
    return False


@dataclass(frozen=True)
class OutcomeData:
    """A measured outcome as entered; `override` empty to let the computed status stand."""

    period_start: date
    period_end: date
    value: Decimal | None = None
    numerator: int | None = None
    denominator: int | None = None
    interim: bool = False
    override: str = ""
    comment: str = ""


OUTCOME_VALUES = (
    "period_start",
    "period_end",
    "value",
    "numerator",
    "denominator",
    "interim",
    "override",
    "comment",
)


def check_outcome_values(goal: Goal, values: Mapping[str, Any]) -> None:
    """The model's own rules (a period ending before it starts, more reaching the goal than
    in all, an assessed status without a comment) on the values given (a form's valid
    fields), each at its field. Public: the form runs it beside its own checks. Checked on
    the period's stored outcome if there is one, which `outcome_record` replaces."""
    start, end = values.get("period_start"), values.get("period_end")
    stored = None
    if start is not None and end is not None:
        stored = Outcome.objects.filter(goal=goal, period_start=start, period_end=end).first()
    given = {name: values[name] for name in OUTCOME_VALUES if name in values}
    check_model(stored or Outcome(goal=goal), given, OUTCOME_VALUES)


def outcome_record(
    *, goal: Goal, data: OutcomeData, expected_version: int | None = None
) -> Outcome:
    """Enter (or replace) the goal's outcome for a period. The goal's version covers its
    outcomes: refused if the goal or an outcome of it was saved since the form read
    `expected_version` (None: no form, an outcome computed from the exits table)."""
    with transaction.atomic():
        locked = Goal.objects.select_for_update().get(pk=goal.pk)
        version_checked(locked, expected_version, what=_("Målet eller dess utfall"))
        locked.save(update_fields=["version"])
        outcome = Outcome.objects.filter(
            goal=goal, period_start=data.period_start, period_end=data.period_end
        ).first() or Outcome(goal=goal)
        for field, value in data.__dict__.items():
            setattr(outcome, field, value)
        # Every rule broken, each at its field, in one answer: the metric's and the model's.
        errors = _outcome_errors(goal, data)
        try:
            outcome.full_clean()
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(field, []).extend(messages)
        if errors:
            raise ValidationError(errors)
        outcome.save()
        return outcome


def _outcome_errors(goal: Goal, data: OutcomeData) -> dict[str, list[str]]:
    """What the goal's metric refuses in the outcome, by field."""
    errors: dict[str, list[str]] = {}
    if goal.metric == "share":
        if data.value is not None:
            errors["value"] = [_("Målet är en andel: ange antal som nått målet och av totalt.")]
        if data.numerator is None and data.denominator is not None:
            errors["numerator"] = [_("En andel kräver både antal som nått målet och totalen.")]
        if data.denominator is None and data.numerator is not None:
            errors["denominator"] = [_("En andel kräver både antal som nått målet och totalen.")]
    elif data.numerator is not None or data.denominator is not None:
        errors["value"] = [_("Målet är inte en andel: ange ett antal, inte täljare och nämnare.")]
    return errors
