"""Every figure of an association, area by area, in terms that name no database id.

The backup test compares an association before export with the one restored from the file:
`association_figures(a) == association_figures(b)`. Ids differ after a restore (the rows get
ids free in the installation they are restored into), so objects are named by what they
are (names, labels, years), never by their keys. A new area is one more entry in AREAS.
"""

import dataclasses
from collections.abc import Callable
from datetime import date
from typing import Any

from django.db import models
from djmoney.money import Money

from budgets.accounts.models import YearBalance
from budgets.accounts.selectors import latest_period_end, statements_for
from budgets.selectors import budget_sheet
from finsam.audit.entries import entries_of
from finsam.audit.log import association_sources, history_rows
from finsam.models import Association
from initiatives.selectors import association_goals, initiative_page
from members import selectors
from members.funding import funding_breakdown


def association_figures(association: Association) -> dict[str, Any]:
    return {area: build(association) for area, build in AREAS.items()}


def plain(value: Any) -> Any:
    """`value` as plain data: models by their fields (related objects by name), no ids."""
    if isinstance(value, models.Model):
        return {
            f.name: str(getattr(value, f.name)) if f.is_relation else plain(getattr(value, f.name))
            for f in value._meta.concrete_fields
            if not f.primary_key and not f.name.endswith("_currency")
        }
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {
            plain(k) if not isinstance(k, models.Model) else str(k): plain(v)
            for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, Money):
        return value.amount
    return value


def _facts(association: Association) -> Any:
    return plain(association)


def _funding(association: Association) -> Any:
    return {
        year.year: plain(funding_breakdown(year)) | {"total": funding_breakdown(year).total}
        for year in association.funding_years.order_by("year")
    }


def _budgets(association: Association) -> Any:
    found = {}
    for document in association.budget_documents.order_by("year", "revision"):
        sheet = budget_sheet(document)
        columns = {c.pk: c.label for c in sheet.columns}
        lines = {line.pk: f"{line.order} {line.label}" for line in sheet.lines}
        found[(document.year, document.revision)] = {
            "document": plain(document),
            "cells": {
                (lines[line], columns[column]): plain(cell)
                for (line, column), cell in sheet.result.cells.items()
            },
            "columns": {
                columns[pk]: {
                    "opening": result.opening,
                    "revenue": result.revenue,
                    "costs": result.costs,
                    "administration": result.administration,
                    "closing": result.closing,
                    "administration_share": result.administration_share,
                    "sections": sorted(result.section_totals.values()),
                }
                for pk, result in sheet.result.columns.items()
            },
            "checks": [(c.level, c.message) for c in sheet.result.checks],
            "footnotes": [plain(f) for f in sheet.footnotes],
        }
    return found


def _statements(association: Association) -> Any:
    ends = {
        date(year, 12, 31)
        for year in YearBalance.objects.filter(association=association).values_list(
            "year", flat=True
        )
    }
    latest = latest_period_end(association)
    if latest is not None:
        ends.add(latest)
    return {end: plain(statements_for(association, end)) for end in sorted(ends)}


def _initiatives(association: Association) -> Any:
    pages = {i.name: plain(initiative_page(i)) for i in association.initiatives.order_by("name")}
    return {"initiatives": pages, "goals": plain(association_goals(association))}


def _organisation(association: Association) -> Any:
    days = sorted({s.start for s in association.board_seats.all()} | {date(2014, 8, 31)})
    return {
        "members": [plain(m) for m in association.memberships.select_related("member")],
        "board": {day: plain(selectors.board_on(association, day)) for day in days},
        "auditors": [plain(a) for a in association.auditors.all()],
        "office": [plain(p) for p in association.office_posts.all()],
        "groups": [
            (plain(g), [plain(m) for m in g.memberships.all()]) for g in association.groups.all()
        ],
        "meetings": [plain(m) for m in association.meetings.all()],
        "population": [plain(p) for p in association.population_figures.all()],
    }


def _users(association: Association) -> Any:
    return sorted((r.user.username, r.role) for r in association.user_roles.select_related("user"))


def _imports(association: Association) -> Any:
    return sorted(
        (b.kind, b.filename, b.sha256, b.status, b.summary, b.file.name, b.file.read())
        for b in association.imports.all()
    )


def _history(association: Association) -> Any:
    rows = history_rows(association, association_sources())
    entries = entries_of(list(rows))
    return {
        "count": len(entries),
        "entries": [
            (
                e.when,
                e.who,
                e.action,
                e.kind,
                e.subject,
                e.context,
                e.changes,
                e.reason,
                e.batch and e.batch.sha256,
            )
            for e in entries
        ],
    }


def _reports(association: Association) -> Any:
    """The reports as stored: options, texts, adoptions with their frozen PDFs, downloads."""
    return [
        {
            "report": plain(report),
            "sections": [plain(s) for s in report.sections.all()],
            "adoptions": [
                (plain(a), a.pdf.read()) for a in report.adoptions.order_by("created_at")
            ],
            "downloads": [plain(d) for d in report.downloads.order_by("at")],
        }
        for report in association.reports.order_by("kind", "year", "period_end")
    ]


def _rendered_reports(association: Association) -> Any:
    """Each report as today's data renders it: every printed figure and the print HTML (whose
    anchors and numbers depend only on the outline, not on database ids)."""
    from reports.builders import build_report
    from reports.rendering import print_html

    rendered = []
    for report in association.reports.order_by("kind", "year", "period_end"):
        data = build_report(report)
        rendered.append({"figures": data.figures(), "html": print_html(data)})
    return rendered


AREAS: dict[str, Callable[[Association], Any]] = {
    "facts": _facts,
    "funding": _funding,
    "budgets": _budgets,
    "statements": _statements,
    "initiatives": _initiatives,
    "organisation": _organisation,
    "users": _users,
    "imports": _imports,
    "reports": _reports,
    "rendered reports": _rendered_reports,
    "history": _history,
}
