"""Computing a year's contributions from the funding decision (reads only; no writes).

The state's money (granted, or requested while no answer has come) is matched by the region
(one half) and the municipalities together (the other half). The municipal half is split by
the year's distribution key and rounded to the year's rounding step with the largest
remainder method, so the rounded parts add up exactly. An agreed amount per member, where
staff have set one, replaces the proposal; the difference to the key stays visible.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from finsam.lib.allocation import allocate, exact_shares, statutory_halves
from finsam.lib.rounding import ORE, round_to_step
from finsam.lib.shares import share_percent
from members.models import (
    DistributionKey,
    FundingYear,
    Member,
    MemberKind,
    PopulationFigure,
    StatePresentation,
)
from members.selectors import held_during, members_during_year, memberships_held

STATE_ONE_LINE_LABEL = gettext_lazy("Staten genom Försäkringskassan")


@dataclass(frozen=True)
class ContributionLine:
    """One member's (or the state's) contribution for the year."""

    label: str
    member: Member | None
    kind: str
    proposed: Decimal | None
    agreed: Decimal | None = None
    key_value: Decimal | None = None  # inhabitants, or agreed percent, for municipalities
    exact: Decimal | None = None  # the unrounded share, to the öre

    @property
    def amount(self) -> Decimal | None:
        return self.agreed if self.agreed is not None else self.proposed

    @property
    def difference(self) -> Decimal | None:
        """Agreed minus the key's proposal (None when nothing is agreed)."""
        if self.agreed is None or self.proposed is None:
            return None
        return self.agreed - self.proposed


@dataclass(frozen=True)
class FundingBreakdown:
    """Everything the funding page and the reports print about one year."""

    funding_year: FundingYear
    state_lines: list[ContributionLine]
    region_lines: list[ContributionLine]
    municipal_lines: list[ContributionLine]
    key_date: date | None
    problems: list[str] = field(default_factory=list)

    @property
    def state_total(self) -> Decimal:
        return sum((line.amount or Decimal(0) for line in self.state_lines), Decimal(0))

    @property
    def municipal_total(self) -> Decimal:
        return sum((line.amount or Decimal(0) for line in self.municipal_lines), Decimal(0))

    @property
    def region_total(self) -> Decimal:
        return sum((line.amount or Decimal(0) for line in self.region_lines), Decimal(0))

    @property
    def total(self) -> Decimal:
        return self.state_total + self.region_total + self.municipal_total

    @property
    def lines(self) -> list[ContributionLine]:
        return [*self.state_lines, *self.region_lines, *self.municipal_lines]

    @property
    def follows_statutory_shares(self) -> bool:
        """Region and municipalities each pay half of what the state pays, split in whole
        kronor as the contributions are (an odd krona to the region)."""
        region_half, municipal_half = statutory_halves(self.state_total)
        return self.region_total == region_half and self.municipal_total == municipal_half

    @property
    def shares(self) -> list[tuple[ContributionLine, Decimal | None]]:
        """Each line with its percentage of the year's total."""
        total = self.total
        return [
            (line, None if line.amount is None else share_percent(line.amount, total))
            for line in self.lines
        ]


@dataclass(frozen=True)
class YearFacts:
    """What a year's breakdown reads besides the funding year: its members in display order
    and the inhabitants per member on its key date. Read for many years at once by
    `funding_breakdowns`."""

    members: list[Member]
    population: dict[int, int]


def funding_breakdown(
    funding_year: FundingYear,
    *,
    state_presentation: str | None = None,
    facts: YearFacts | None = None,
) -> FundingBreakdown:
    """Compute the year's contributions; problems (missing key data) are listed, not raised.

    `state_presentation` shows the state's half another way than the year's own setting
    (one line, or Försäkringskassan and Arbetsförmedlingen as two): the same money either way.
    `facts` are the year's members and population when already read (else read here).
    """
    if facts is None:
        members = members_during_year(funding_year.association, funding_year.year)
    else:
        members = facts.members
    agreed = {a.member_id: a.amount.amount for a in funding_year.agreed_contributions.all()}
    state = funding_year.state_basis or Decimal(0)
    region_half, municipal_half = statutory_halves(state)
    problems: list[str] = []
    if funding_year.state_basis is None:
        problems.append(_("Varken äskat eller beviljat statligt bidrag är angivet för året."))
    regions = [m for m in members if m.kind == MemberKind.REGION]
    municipalities = [m for m in members if m.kind == MemberKind.MUNICIPALITY]
    key_date = funding_year.key_date
    return FundingBreakdown(
        funding_year=funding_year,
        state_lines=_state_lines(
            funding_year, members, state, state_presentation or funding_year.state_presentation
        ),
        region_lines=_region_lines(funding_year, regions, region_half, agreed, problems),
        municipal_lines=_municipal_lines(
            funding_year,
            municipalities,
            municipal_half,
            agreed,
            problems,
            None if facts is None else facts.population,
        ),
        key_date=key_date if funding_year.distribution_key == DistributionKey.POPULATION else None,
        problems=problems,
    )


def _state_lines(
    funding_year: FundingYear, members: list[Member], state: Decimal, presentation: str
) -> list[ContributionLine]:
    by_kind = {m.kind: m for m in members}
    fk = by_kind.get(MemberKind.FORSAKRINGSKASSAN)
    af = by_kind.get(MemberKind.ARBETSFORMEDLINGEN)
    if presentation == StatePresentation.TWO_LINES and fk and af:
        fk_part, af_part = allocate(state, [1, 1], Decimal(funding_year.rounding_step))
        return [
            ContributionLine(_named(fk, funding_year), fk, fk.kind, fk_part),
            ContributionLine(_named(af, funding_year), af, af.kind, af_part),
        ]
    return [ContributionLine(str(STATE_ONE_LINE_LABEL), fk, MemberKind.FORSAKRINGSKASSAN, state)]


def _named(member: Member, funding_year: FundingYear) -> str:
    """The member's name as the year's documents print it: the name it had when the year began."""
    return member.name_on(date(funding_year.year, 1, 1))


def _region_lines(
    funding_year: FundingYear,
    regions: list[Member],
    half: Decimal,
    agreed: dict[int, Decimal],
    problems: list[str],
) -> list[ContributionLine]:
    if len(regions) != 1:
        problems.append(_("Förbundet ska ha exakt en region (landsting) som medlem under året."))
        return [
            ContributionLine(_named(r, funding_year), r, r.kind, None, agreed.get(r.pk))
            for r in regions
        ]
    region = regions[0]
    label = _named(region, funding_year)
    return [ContributionLine(label, region, region.kind, half, agreed.get(region.pk))]


def _municipal_lines(
    funding_year: FundingYear,
    municipalities: list[Member],
    half: Decimal,
    agreed: dict[int, Decimal],
    problems: list[str],
    population: dict[int, int] | None,
) -> list[ContributionLine]:
    if not municipalities:
        problems.append(_("Förbundet har ingen kommun som medlem under året."))
        return []
    weights = _key_weights(funding_year, municipalities, problems, population)
    if weights is None:
        return [
            ContributionLine(_named(m, funding_year), m, m.kind, None, agreed.get(m.pk))
            for m in municipalities
        ]
    step = Decimal(funding_year.rounding_step)
    proposed = allocate(half, [w for w in weights], step)
    exact = exact_shares(half, weights)
    return [
        ContributionLine(
            label=_named(m, funding_year),
            member=m,
            kind=m.kind,
            proposed=amount,
            agreed=agreed.get(m.pk),
            key_value=(
                None if funding_year.distribution_key == DistributionKey.EQUAL else Decimal(w)
            ),
            exact=round_to_step(Decimal(share.numerator) / Decimal(share.denominator), ORE),
        )
        for m, w, amount, share in zip(municipalities, weights, proposed, exact, strict=True)
    ]


def _key_weights(
    funding_year: FundingYear,
    municipalities: list[Member],
    problems: list[str],
    population: dict[int, int] | None,
) -> list[Decimal] | None:
    key = funding_year.distribution_key
    if key == DistributionKey.EQUAL:
        return [Decimal(1)] * len(municipalities)
    if key == DistributionKey.FIXED:
        return _fixed_weights(funding_year, municipalities, problems)
    return _population_weights(funding_year, municipalities, problems, population)


def _fixed_weights(
    funding_year: FundingYear, municipalities: list[Member], problems: list[str]
) -> list[Decimal] | None:
    percents = {s.member_id: s.percent for s in funding_year.fixed_shares.all()}
    missing = [m.name for m in municipalities if m.pk not in percents]
    if missing:
        problems.append(_("Fast andel saknas för: %(members)s.") % {"members": ", ".join(missing)})
        return None
    weights = [percents[m.pk] for m in municipalities]
    if sum(weights) != 100:
        problems.append(
            _("De fasta andelarna summerar till %(total)s %%, inte 100 %%.")
            % {"total": sum(weights)}
        )
        return None
    return weights


def _population_weights(
    funding_year: FundingYear,
    municipalities: list[Member],
    problems: list[str],
    population: dict[int, int] | None,
) -> list[Decimal] | None:
    key_date = funding_year.key_date
    figures = (
        population
        if population is not None
        else dict(
            PopulationFigure.objects.filter(
                association=funding_year.association, date=key_date, member__in=municipalities
            ).values_list("member_id", "population")
        )
    )
    missing = [m.name for m in municipalities if m.pk not in figures]
    if missing:
        problems.append(
            _("Invånarantal per %(date)s saknas för: %(members)s.")
            % {"date": key_date.isoformat(), "members": ", ".join(missing)}
        )
        return None
    return [Decimal(figures[m.pk]) for m in municipalities]


def funding_breakdowns(funding_years: Iterable[FundingYear]) -> dict[int, FundingBreakdown]:
    """The breakdowns of several years of one association (a budget's columns) per year, in
    at most two queries whatever the number of years: the memberships of all the years, and
    the population on all their key dates (if a year is keyed by population). The years' own
    shares and agreed amounts are read by the caller's prefetch."""
    years = list(funding_years)
    if not years:
        return {}
    association = years[0].association
    first = date(min(y.year for y in years), 1, 1)
    last = date(max(y.year for y in years), 12, 31)
    memberships = list(
        memberships_held(association, first, last)
        .select_related("member")
        .order_by("order", "member__name")
    )
    # Only a population key reads the population (a fixed key or equal parts do not).
    key_dates = {y.key_date for y in years if y.distribution_key == DistributionKey.POPULATION}
    population: dict[date, dict[int, int]] = {}
    if key_dates:
        figures = PopulationFigure.objects.filter(
            association=association, date__in=key_dates
        ).values_list("date", "member_id", "population")
        for day, member, inhabitants in figures:
            population.setdefault(day, {})[member] = inhabitants
    return {
        year.year: funding_breakdown(
            year,
            facts=YearFacts(
                members=[
                    m.member
                    for m in memberships
                    if held_during(m, date(year.year, 1, 1), date(year.year, 12, 31))
                ],
                population=population.get(year.key_date, {}),
            ),
        )
        for year in years
    }
