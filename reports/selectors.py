"""Reading reports: an association's list, one report, its adoption and what differs since."""

from datetime import date

from django.db.models import QuerySet

from finsam.lib.figures import Difference, Figure, differences
from finsam.models import Association
from finsam.tenancy import Tenant, scoped
from reports.data import ReportData
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
    if year is None:  # every report has its year: no year asked, none found
        return None
    return reports.filter(year=year).first()


def latest_adoption(report: Report) -> ReportAdoption | None:
    return report.adoptions.order_by("-created_at").first()


def figure_differences(adoption: ReportAdoption, data: ReportData) -> list[Difference]:
    """What today's data prints differently: every figure, and the words where the adoption
    kept them (`finsam.lib.figures.differences` is the one rule for comparing)."""
    adopted = [Figure(*values) for values in adoption.figures]
    today = data.figures()
    if adoption.texts is not None:
        adopted += [Figure(*values) for values in adoption.texts]
        today += data.texts()
    return differences(adopted, today)
