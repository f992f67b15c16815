"""Reading reports: an association's list, one report, its adoption and what differs since."""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from finsam.tenancy import Tenant, scoped
from members.models import Association
from reports.data import Figure, ReportData
from reports.models import Report, ReportAdoption, ReportKind


def reports_of(tenant: Tenant) -> QuerySet[Report]:
    return scoped(Report, tenant).select_related("budget")


def report_named(
    association: Association, kind: str, *, year: int | None = None, period_end: date | None = None
) -> Report | None:
    """The operating plan of a year, or the interim report ending on a day."""
    reports = Report.objects.filter(association=association, kind=kind)
    if kind == ReportKind.DELARSRAPPORT:
        return reports.filter(period_end=period_end).first()
    return reports.filter(year=year).first()


def latest_adoption(report: Report) -> ReportAdoption | None:
    return report.adoptions.order_by("-created_at").first()


@dataclass(frozen=True)
class Difference:
    """A printed figure as adopted and as today's data gives it ("" where it is missing)."""

    table: str
    row: str
    column: str
    adopted: str
    today: str


def figure_differences(adoption: ReportAdoption, data: ReportData) -> list[Difference]:
    adopted = {Figure(*values).key(): values[3] for values in adoption.figures}
    today = {figure.key(): figure.text for figure in data.figures()}
    keys = list(adopted) + [key for key in today if key not in adopted]
    return [
        Difference(*key, adopted.get(key, ""), today.get(key, ""))
        for key in keys
        if adopted.get(key, "") != today.get(key, "")
    ]
