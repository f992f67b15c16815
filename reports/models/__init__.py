"""The reports app's models: a document, its sections, its adoptions and its downloads."""

from reports.models.adoption import ReportAdoption, ReportDownload
from reports.models.document import Report, ReportKind, ReportSection, RevenueTotal

__all__ = [
    "Report",
    "ReportAdoption",
    "ReportDownload",
    "ReportKind",
    "ReportSection",
    "RevenueTotal",
]
