"""The reports app's models: a document, its sections, its adoptions and its downloads."""

from reports.models.adoption import ReportAdoption, ReportDownload
from reports.models.comments import ReportComment
from reports.models.document import Report, ReportKind, ReportSection, RevenueTotal

__all__ = [
    "Report",
    "ReportAdoption",
    "ReportComment",
    "ReportDownload",
    "ReportKind",
    "ReportSection",
    "RevenueTotal",
]
