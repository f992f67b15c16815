"""`manage.py report`: a PDF, a standalone HTML file or a Word copy, and clear errors for bad
arguments."""

import pytest
from django.core.management import CommandError, call_command

from tests.reports.helpers import assert_in_order, docx_text, html_text, pdf_text


def test_the_plan_as_pdf(db, tmp_path):
    output = tmp_path / "plan.pdf"
    call_command("report", "verksamhetsplan", "finnveden", "2014", "--output", str(output))
    text = pdf_text(output.read_bytes())
    assert_in_order(text, ["Verksamhetsplan 2014", "Kansli", "425 000", "430 000"], "pdf")


def test_the_plan_as_standalone_html(db, tmp_path):
    output = tmp_path / "plan.html"
    call_command(
        "report",
        "verksamhetsplan",
        "finnveden",
        "2014",
        "--format",
        "html",
        "--output",
        str(output),
    )
    markup = output.read_text()
    assert "<style>" in markup and "@page" in markup
    assert_in_order(html_text(markup), ["Totalt kostnader", "4 412 000", "3 692 000"], "html")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["verksamhetsplan", "nowhere", "2014"], "Inget förbund med kortnamnet 'nowhere'."),
        (["verksamhetsplan", "finnveden"], "Ange verksamhetsplanens år"),
        (["verksamhetsplan", "finnveden", "1999"], "har ingen sådan rapport"),
        (["delarsrapport", "finnveden"], "Ange periodens sista dag med --period-end"),
        (["delarsrapport", "finnveden", "--period-end", "31/8"], "är inget datum"),
    ],
)
def test_bad_arguments_get_a_clear_message(db, tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("report", *args, "--output", str(tmp_path / "x.pdf"))


def test_adopted_writes_the_frozen_pdf_byte_for_byte(db, tmp_path):
    from decimal import Decimal

    from budgets.models import BudgetAmount
    from reports.models import Report
    from reports.selectors import latest_adoption

    plan = Report.objects.get(association__slug="finnveden", kind="verksamhetsplan", year=2014)
    frozen = latest_adoption(plan).pdf.read()
    BudgetAmount.objects.filter(
        line__document__association__slug="finnveden",
        line__label="Kansli",
        column__label="Budget 2014",
    ).update(amount=Decimal(450_000))
    output = tmp_path / "adopted.pdf"
    call_command(
        "report", "verksamhetsplan", "finnveden", "2014", "--adopted", "--output", str(output)
    )
    assert output.read_bytes() == frozen
    text = pdf_text(frozen)
    assert "425 000" in text and "450 000" not in text and "Utkast" not in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["delarsrapport", "vaxjo", "--period-end", "2014-08-31"], "är inte fastställd"),
        (["verksamhetsplan", "finnveden", "2014", "--format", "html"], "bara som PDF"),
    ],
)
def test_adopted_needs_an_adopted_pdf(db, tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("report", *args, "--adopted", "--output", str(tmp_path / "x.pdf"))


def test_the_plan_as_word(db, tmp_path):
    output = tmp_path / "plan.docx"
    args = ["verksamhetsplan", "finnveden", "2014", "--format", "docx", "--output", str(output)]
    call_command("report", *args)
    text = docx_text(output.read_bytes())
    assert_in_order(text, ["8 Budget 2014-2015", "Totalt kostnader 4 412 000 3 692 000"], "docx")


def test_adopted_as_word_writes_the_adoption_s_copy(db, tmp_path):
    from reports.models import Report
    from reports.selectors import latest_adoption

    plan = Report.objects.get(association__slug="finnveden", kind="verksamhetsplan", year=2014)
    adoption = latest_adoption(plan)
    output = tmp_path / "adopted.docx"
    args = ["verksamhetsplan", "finnveden", "2014", "--format", "docx", "--adopted"]
    call_command("report", *args, "--output", str(output))
    assert output.read_bytes() == adoption.docx.read()
    type(adoption).objects.filter(pk=adoption.pk).update(docx="")
    with pytest.raises(CommandError, match="innan Word-kopior sparades"):
        call_command("report", *args, "--output", str(output))
