"""Adoption freezes a report: the adopted PDF is kept as rendered, with its checksum and its
figures; auditors download exactly that file after the data changed, and the page says which
figures differ. Drafts carry the watermark; every download is logged."""

import hashlib
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from budgets.models import BudgetAmount
from finsam.permissions import Role
from reports.builders import build_report
from reports.models import Report, ReportDownload, ReportSection
from reports.rendering import print_html
from reports.selectors import figure_differences, latest_adoption
from reports.services import report_adopt
from tests.reports.helpers import pdf_text


@pytest.fixture
def plan(association) -> Report:
    return Report.objects.get(association=association, kind="verksamhetsplan", year=2014)


def _kansli_2014() -> BudgetAmount:
    return BudgetAmount.objects.get(
        line__document__association__slug="finnveden",
        line__label="Kansli",
        column__label="Budget 2014",
    )


def _content(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_demo_plan_is_adopted_with_its_checksum(plan):
    adoption = latest_adoption(plan)
    content = adoption.pdf.read()
    assert adoption.adopted_on == date(2013, 11, 29)
    assert hashlib.sha256(content).hexdigest() == adoption.sha256
    assert ["Budget 2014-2015", "Kansli", "Budget 2014", "425\xa0000"] in adoption.figures
    assert "Utkast" not in pdf_text(content)


def test_an_auditor_gets_the_frozen_pdf_after_a_figure_changed(client, make_user, plan):
    adoption = latest_adoption(plan)
    frozen = adoption.pdf.read()
    BudgetAmount.objects.filter(pk=_kansli_2014().pk).update(amount=Decimal(450000))
    auditor = make_user("auditor-a", plan.association, Role.AUDITOR)
    client.force_login(auditor)
    slug = plan.association.slug
    response = client.get(reverse("reports:pdf", args=[slug, plan.pk]))
    assert response.status_code == 200
    assert _content(response) == frozen
    download = ReportDownload.objects.get(report=plan, user=auditor)
    assert download.adoption == adoption and download.file_format == "pdf"
    page = client.get(reverse("reports:differences", args=[slug, plan.pk])).content.decode()
    assert "425\xa0000" in page and "450\xa0000" in page and "Kansli" in page


def test_differences_name_table_row_column_and_both_figures(plan):
    BudgetAmount.objects.filter(pk=_kansli_2014().pk).update(amount=Decimal(450000))
    differences = figure_differences(latest_adoption(plan), build_report(plan))
    kansli = [d for d in differences if d.row == "Kansli"]
    assert [(d.column, d.adopted, d.today) for d in kansli] == [
        ("Budget 2014", "425\xa0000", "450\xa0000")
    ]
    # The change also moves the cost total and the result of 2014, and the chain into 2015.
    rows = {d.row for d in differences}
    assert {"Totalt kostnader", "Preliminärt överskott kvar"} <= rows


def test_an_unchanged_report_has_no_differences(plan):
    assert figure_differences(latest_adoption(plan), build_report(plan)) == []


def test_the_draft_pdf_carries_the_watermark_and_is_logged(client, make_user, plan):
    board = make_user("board-a", plan.association, Role.BOARD)
    client.force_login(board)
    response = client.get(reverse("reports:draft_pdf", args=[plan.association.slug, plan.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert "Utkast" in pdf_text(response.content)
    assert ReportDownload.objects.filter(report=plan, user=board, adoption=None).count() == 1
    assert 'class="watermark"' in print_html(build_report(plan))


def test_a_new_adoption_replaces_the_frozen_file_and_keeps_the_old(plan):
    first = latest_adoption(plan)
    BudgetAmount.objects.filter(pk=_kansli_2014().pk).update(amount=Decimal(450000))
    second = report_adopt(report=plan, adopted_on=date(2014, 3, 1), user=None)
    assert latest_adoption(plan) == second and second.sha256 != first.sha256
    assert ["Budget 2014-2015", "Kansli", "Budget 2014", "450\xa0000"] in second.figures
    assert hashlib.sha256(first.pdf.read()).hexdigest() == first.sha256
    plan.refresh_from_db()
    assert plan.adopted_on == date(2014, 3, 1)


def test_the_admin_cannot_change_or_delete_an_adoption(client, plan, django_user_model):
    superuser = django_user_model.objects.create_superuser("root-a", password="pw-test-123")
    client.force_login(superuser)
    adoption = latest_adoption(plan)
    change = reverse("admin:reports_reportadoption_change", args=[adoption.pk])
    delete = reverse("admin:reports_reportadoption_delete", args=[adoption.pk])
    assert client.post(change, {"sha256": "0" * 64}).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert (
        client.post(
            reverse("admin:reports_report_delete", args=[plan.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    adoption.refresh_from_db()
    assert adoption.sha256 != "0" * 64


def test_the_differences_cover_the_texts_too(plan):
    adoption = latest_adoption(plan)
    section = plan.sections.exclude(text="").order_by("position").first()
    assert any(t[1].endswith(section.heading) and t[2] == "Text" for t in adoption.texts)
    ReportSection.objects.filter(pk=section.pk).update(text="Styrelsen ändrade texten.")
    plan.refresh_from_db()
    changed = [d for d in figure_differences(adoption, build_report(plan)) if d.table == "Texter"]
    assert len(changed) == 1
    assert changed[0].row.endswith(section.heading) and changed[0].column == "Text"
    assert changed[0].today == "Styrelsen ändrade texten."
    assert changed[0].adopted and changed[0].adopted != changed[0].today
