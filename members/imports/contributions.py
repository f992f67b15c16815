"""Member contributions from a spreadsheet: one row per year and member.

Layout (docs/imports.md): a header row with "År", "Medlem" and "Belopp", then one row per
member and year. The state's grant is given on Försäkringskassan's row (and, where the
association shows the state as two lines, split over Försäkringskassan's and
Arbetsförmedlingen's rows: the grant is their sum). Region and municipality rows become the
year's agreed contributions; the key's proposal stays visible beside them.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from djmoney.money import Money

from finsam.imports.rows import (
    CellError,
    Plan,
    PlannedChange,
    Problem,
    amount_of,
    cell,
    kr,
    read_entries,
    whole_number_of,
)
from finsam.lib.tabular import Row
from finsam.lib.years import is_year
from finsam.models import Association
from members.models import AgreedContribution, FundingYear, Member, MemberKind
from members.selectors import members_during_year, members_of
from members.services import funding_year_create

COLUMNS = {
    "year": ("år", "ar", "budgetår"),
    "member": ("medlem", "organisation", "huvudman"),
    "amount": ("belopp", "bidrag", "belopp (kr)", "bidrag (kr)"),
}
STATE_KINDS = (MemberKind.FORSAKRINGSKASSAN, MemberKind.ARBETSFORMEDLINGEN)


@dataclass(frozen=True)
class Entry:
    row: int
    year: int
    member: Member
    amount: Decimal


@dataclass
class ContributionPlan(Plan):
    entries: list[Entry] = field(default_factory=list)


def read_contributions(association: Association, rows: list[Row]) -> ContributionPlan:
    """Check every row and plan the changes; nothing is written."""
    by_name = _members_by_name(association)
    entries, problems = read_entries(
        rows,
        COLUMNS,
        empty=_("Filen har inga rader med bidrag under rubrikraden."),
        read_row=lambda row, columns, found: _entry(association, row, columns, by_name, found),
        key=lambda entry: (entry.year, entry.member.pk),
        describe=lambda entry: f"{entry.member.name} {entry.year}",
    )
    plan = ContributionPlan(problems=problems, entries=entries)
    if not problems:
        plan.changes = _changes(association, entries)
    return plan


def _members_by_name(association: Association) -> dict[str, Member]:
    members = members_of(association)
    names = {m.name.lower(): m for m in members}
    names.update({m.org_number: m for m in members if m.org_number})
    return names


def _entry(association, row: Row, columns, by_name, problems: list[Problem]) -> Entry | None:
    year_cell, member_cell, amount_cell = (
        cell(row, columns[k]) for k in ("year", "member", "amount")
    )
    try:
        year = whole_number_of(year_cell, _("år"))
        if not is_year(year):
            raise CellError(_("%(year)s är inget rimligt budgetår.") % {"year": year})
    except CellError as error:
        problems.append(Problem(year_cell.place, str(error)))
        return None
    member = by_name.get(member_cell.text.strip().lower())
    if member is None or member not in members_during_year(association, year):
        problems.append(
            Problem(
                member_cell.place,
                _("”%(member)s” är inte medlem i förbundet %(year)s.")
                % {"member": member_cell.text, "year": year},
            )
        )
        return None
    try:
        amount = amount_of(amount_cell)
        if amount < 0:
            raise CellError(
                _("Ett bidrag kan inte vara negativt (%(amount)s).") % {"amount": amount_cell.text}
            )
    except CellError as error:
        problems.append(Problem(amount_cell.place, str(error)))
        return None
    return Entry(row=member_cell.row, year=year, member=member, amount=amount)


def _changes(association: Association, entries: list[Entry]) -> list[PlannedChange]:
    years = {y.year: y for y in FundingYear.objects.filter(association=association)}
    agreed = {
        (a.funding_year.year, a.member_id): a.amount.amount
        for a in AgreedContribution.objects.filter(
            funding_year__association=association
        ).select_related("funding_year")
    }
    changes = []
    for year, state_entries in _state_by_year(entries).items():
        current = years.get(year)
        before = current.state_granted.amount if current and current.state_granted else None
        total = sum((e.amount for e in state_entries), Decimal(0))
        rows = ", ".join(str(e.row) for e in state_entries)
        changes.append(
            PlannedChange(
                state_entries[0].row,
                _("Staten %(year)s (rad %(rows)s)") % {"year": year, "rows": rows},
                _("Beviljat statligt bidrag"),
                kr(before),
                kr(total),
            )
        )
    for e in entries:
        if e.member.kind not in STATE_KINDS:
            before = agreed.get((e.year, e.member.pk))
            changes.append(
                PlannedChange(
                    e.row,
                    f"{e.member.name} {e.year}",
                    _("Överenskommet bidrag"),
                    kr(before),
                    kr(e.amount),
                )
            )
    return sorted(changes, key=lambda c: c.row or 0)  # every change here has its row


def _state_by_year(entries: list[Entry]) -> dict[int, list[Entry]]:
    state: dict[int, list[Entry]] = defaultdict(list)
    for e in entries:
        if e.member.kind in STATE_KINDS:
            state[e.year].append(e)
    return state


def apply_contributions(association: Association, entries: list[Entry]) -> str:
    """Write the planned contributions (inside the caller's transaction); returns a summary."""
    for year in sorted({e.year for e in entries}):
        if not FundingYear.objects.filter(association=association, year=year).exists():
            funding_year_create(association=association, year=year)
        # Locked and its version raised, like a save from the funding page: a form opened
        # before the import is then refused as stale instead of overwriting what came in.
        funding_year = FundingYear.objects.select_for_update().get(
            association=association, year=year
        )
        _apply_year(funding_year, [e for e in entries if e.year == year])
    return _("%(count)s bidrag inlästa för %(years)s år.") % {
        "count": len(entries),
        "years": len({e.year for e in entries}),
    }


def _apply_year(funding_year: FundingYear, entries: list[Entry]) -> None:
    state = [e.amount for e in entries if e.member.kind in STATE_KINDS]
    if state:
        funding_year.state_granted = Money(sum(state, Decimal(0)), "SEK")
    funding_year.version += 1
    funding_year.full_clean()
    funding_year.save()
    for e in entries:
        if e.member.kind not in STATE_KINDS:
            AgreedContribution.objects.update_or_create(
                funding_year=funding_year,
                member=e.member,
                defaults={"amount": Money(e.amount, "SEK")},
            )
