"""Entering an association's members, funding and organisation from demo data (TOML)."""

from datetime import time
from decimal import Decimal
from typing import Any

from djmoney.money import Money

from finsam.models import Association
from finsam.saving import saved
from members.models import (
    AgreedContribution,
    Auditor,
    BoardSeat,
    FixedKeyShare,
    FundingYear,
    Group,
    GroupMembership,
    Meeting,
    Member,
    Membership,
    OfficePost,
    Person,
    PopulationFigure,
)


def load(slug: str, data: dict[str, Any]) -> Association:
    association = saved(Association(slug=slug, **data["association"]))
    members = _load_members(association, data.get("members", []))
    persons: dict[str, Person] = {}

    def person(name: str) -> Person:
        if name not in persons:
            persons[name] = saved(Person(association=association, name=name))
        return persons[name]

    _load_population(association, members, data.get("population", []))
    _load_funding(association, members, data.get("funding", []))
    _load_board(association, members, person, data.get("board", []))
    _load_auditors(association, members, person, data.get("auditors", []))
    _load_office(association, person, data.get("office", []))
    groups = _load_groups(association, members, person, data.get("groups", []))
    _load_meetings(association, groups, data.get("meetings", []))
    return association


def _sek(amount: int | str | None) -> Money | None:
    return None if amount is None else Money(Decimal(str(amount)), "SEK")


def _load_members(association: Association, rows: list[dict]) -> dict[str, Member]:
    members = {}
    for order, row in enumerate(rows):
        member, _ = Member.objects.get_or_create(
            name=row["name"],
            defaults={"kind": row["kind"], "org_number": row.get("org_number", "")},
        )
        saved(
            Membership(
                association=association,
                member=member,
                valid_from=row.get("valid_from"),
                valid_to=row.get("valid_to"),
                order=order,
            )
        )
        members[member.name] = member
    return members


def _load_population(
    association: Association, members: dict[str, Member], rows: list[dict]
) -> None:
    for row in rows:
        saved(
            PopulationFigure(
                association=association,
                member=members[row["member"]],
                date=row["date"],
                population=row["population"],
            )
        )


def _load_funding(association: Association, members: dict[str, Member], rows: list[dict]) -> None:
    for row in rows:
        decision = {name: row[name] for name in FundingYear.EDITABLE_FIELDS if name in row}
        for money in ("state_requested", "state_granted"):
            decision[money] = _sek(row.get(money))
        year = saved(FundingYear(association=association, year=row["year"], **decision))
        for agreed in row.get("agreed", []):
            saved(
                AgreedContribution(  # type: ignore[misc]  # a MoneyField takes Money (above)
                    funding_year=year,
                    member=members[agreed["member"]],
                    amount=_sek(agreed["amount"]),
                )
            )
        for share in row.get("fixed", []):
            saved(
                FixedKeyShare(
                    funding_year=year,
                    member=members[share["member"]],
                    percent=Decimal(str(share["percent"])),
                )
            )


def _load_board(association, members, person, rows: list[dict]) -> None:
    for row in rows:
        saved(
            BoardSeat(
                association=association,
                person=person(row["person"]),
                appointed_by=members[row["appointed_by"]],
                kind=row["kind"],
                position=row.get("position", ""),
                start=row["start"],
                end=row.get("end"),
            )
        )


def _load_auditors(association, members, person, rows: list[dict]) -> None:
    for row in rows:
        auditor = saved(
            Auditor(
                association=association,
                person=person(row["person"]) if row.get("person") else None,
                firm=row.get("firm", ""),
                kind=row["kind"],
                start=row["start"],
                end=row.get("end"),
            )
        )
        auditor.appointed_by.set([members[name] for name in row["appointed_by"]])


def _load_office(association, person, rows: list[dict]) -> None:
    for row in rows:
        saved(
            OfficePost(
                association=association,
                person=person(row["person"]) if row.get("person") else None,
                title=row["title"],
                fte_percent=Decimal(str(row["fte_percent"])) if "fte_percent" in row else None,
                employer=row.get("employer", ""),
                start=row["start"],
                end=row.get("end"),
            )
        )


def _load_groups(association, members, person, rows: list[dict]) -> dict[str, Group]:
    groups = {}
    for row in rows:
        group = saved(
            Group(
                association=association,
                name=row["name"],
                kind=row["kind"],
                description=row.get("description", ""),
            )
        )
        for seat in row.get("members", []):
            saved(
                GroupMembership(
                    group=group,
                    person=person(seat["person"]) if seat.get("person") else None,
                    member=members[seat["member"]] if seat.get("member") else None,
                    role=seat.get("role", ""),
                )
            )
        groups[group.name] = group
    return groups


def _load_meetings(association, groups: dict[str, Group], rows: list[dict]) -> None:
    for row in rows:
        saved(
            Meeting(
                association=association,
                kind=row["kind"],
                group=groups[row["group"]] if row.get("group") else None,
                date=row["date"],
                start_time=_time(row.get("start_time")),
                end_time=_time(row.get("end_time")),
                place=row.get("place", ""),
                agenda=row.get("agenda", ""),
            )
        )


def _time(value: time | str | None) -> time | None:
    return time.fromisoformat(value) if isinstance(value, str) else value
