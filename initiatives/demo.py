"""Entering an association's initiatives, goals and participant figures from demo data (TOML).

Everything goes through the app's services, so the demo obeys the same rules as the pages
(two participating members, printed totals checked). Historic initiatives are entered with
the status the documents show, without invented status-change dates.
"""

from decimal import Decimal
from typing import Any

from finsam.models import Association
from finsam.saving import saved
from initiatives import figures, services
from initiatives.models import Decision, ExitReason, Goal, Initiative, PriorityTargetGroup
from members.models import Meeting
from members.selectors import members_of


def load(association: Association, data: dict[str, Any]) -> None:
    members = {m.name: m for m in members_of(association)}
    reasons = _load_reasons(association, data.get("exit_reasons", []))
    for order, text in enumerate(data.get("priority_groups", [])):
        saved(PriorityTargetGroup(association=association, description=text, order=order))
    _load_goals(association, None, data.get("goals", []))
    for row in data.get("initiatives", []):
        _load_initiative(association, members, reasons, row)


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _load_reasons(association: Association, rows: list[dict]) -> dict[int, ExitReason]:
    return {row["number"]: saved(ExitReason(association=association, **row)) for row in rows}


def _load_goals(association, initiative, rows: list[dict], parent: Goal | None = None) -> None:
    for order, row in enumerate(rows):
        data = services.GoalData(
            text=row["text"],
            kind=row["kind"],
            level=row["level"],
            code=row.get("code", ""),
            metric=row.get("metric", ""),
            comparison=row.get("comparison", ""),
            target_value=_decimal(row.get("target")),
            target_per=row.get("per", ""),
            counted_exits=row.get("counted_exits", ""),
            parent=parent,
            order=order,
        )
        goal = services.goal_create(association=association, initiative=initiative, data=data)
        for outcome in row.get("outcomes", []):
            services.outcome_record(goal=goal, data=_outcome(outcome))
        _load_goals(association, initiative, row.get("children", []), parent=goal)


def _outcome(row: dict) -> services.OutcomeData:
    return services.OutcomeData(
        period_start=row["start"],
        period_end=row["end"],
        value=_decimal(row.get("value")),
        numerator=row.get("numerator"),
        denominator=row.get("denominator"),
        interim=row.get("interim", False),
        override=row.get("override", ""),
        comment=row.get("comment", ""),
    )


def _load_initiative(association, members, reasons, row: dict) -> None:
    values = {name: row[name] for name in Initiative.EDITABLE_FIELDS if name in row}
    values["owner"] = members[row["owner"]] if row.get("owner") else None
    facts = services.InitiativeFacts(**values, members=[members[name] for name in row["members"]])
    initiative = services.initiative_create(
        association=association, facts=facts, status=row.get("status", "application")
    )
    _load_decisions(association, initiative, row.get("decisions", []))
    _load_goals(association, initiative, row.get("goals", []))
    for follow_up in row.get("follow_ups", []):
        _load_follow_up(initiative, reasons, follow_up)
    for column in row.get("referrals", []):
        figures.referral_year_record(
            initiative=initiative,
            year=column["year"],
            through=column.get("through"),
            counts={members[name]: count for name, count in column["counts"].items()},
            printed_total=column.get("printed_total"),
        )


def _load_decisions(association, initiative: Initiative, rows: list[dict]) -> None:
    by_key: dict[str, Decision] = {}
    for row in rows:
        meeting = None
        if row.get("meeting"):
            meeting = Meeting.objects.get(association=association, date=row["decided_on"])
        data = services.DecisionData(
            kind=row["kind"],
            decided_on=row.get("decided_on"),
            amount=_decimal(row.get("amount")),
            period_start=row.get("period_start"),
            period_end=row.get("period_end"),
            meeting=meeting,
            revokes=by_key[row["revokes"]] if row.get("revokes") else None,
            text=row.get("text", ""),
        )
        decision = services.decision_record(initiative=initiative, data=data)
        if row.get("key"):
            by_key[row["key"]] = decision


def _load_follow_up(initiative: Initiative, reasons: dict[int, ExitReason], row: dict) -> None:
    follow_up = figures.follow_up_create(
        initiative=initiative, start=row["start"], end=row["end"], label=row.get("label", "")
    )
    for count in row.get("head_counts", []):
        figures.head_count_record(follow_up=follow_up, data=figures.HeadCountData(**count))
    if "exits" in row:
        figures.exits_record(
            follow_up=follow_up,
            counts={reasons[int(number)]: count for number, count in row["exits"].items()},
            printed_total=row.get("exits_printed_total"),
        )
    if "standings" in row:
        figures.standings_record(
            follow_up=follow_up,
            counts=row["standings"],
            printed_total=row.get("standings_printed_total"),
        )
