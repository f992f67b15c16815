"""The year range has one home (`finsam.lib.years`): every model, form, import and message
that carries a budget, funding or report year takes its bounds from there.

A form once kept its own bound while the model repeated it, so moving one was caught by no
test; here each carrier is compared with the home, and a literal bound anywhere else fails.
"""

import re
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.core.validators import MaxValueValidator, MinValueValidator

import budgets.forms
import initiatives.forms
import members.forms
import reports.forms
from budgets.xlsx.importer import _year
from finsam.forms import YearField, year_range_message
from finsam.lib import years
from finsam.lib.years import FIRST_YEAR, LAST_YEAR, is_year

ROOT = Path(__file__).resolve().parent.parent
APPS = ("finsam", "members", "initiatives", "budgets", "reports", "templates")
# The books keep whatever fiscal year a SIE file states; they are no budget year.
BOOK_MODELS = {"budgets.YearBalance", "budgets.MonthMovement", "budgets.Voucher"}


def _year_model_fields():
    for model in apps.get_models():
        if model._meta.label in BOOK_MODELS:
            continue
        for field in model._meta.concrete_fields:
            if field.name == "year":
                yield pytest.param(field, id=f"{model._meta.label}.{field.name}")


def _year_form_fields():
    modules = (budgets.forms, initiatives.forms, members.forms, reports.forms)
    for module in modules:
        for name, form in vars(module).items():
            if isinstance(form, type) and issubclass(form, forms.BaseForm):
                for field_name, field in getattr(form, "base_fields", {}).items():
                    if field_name == "year":
                        yield pytest.param(form, field, id=f"{module.__name__}.{name}")


@pytest.mark.parametrize("field", list(_year_model_fields()))
def test_every_model_year_takes_the_range_from_its_home(field):
    bounds = {type(v): v.limit_value for v in field.validators if hasattr(v, "limit_value")}
    assert bounds[MinValueValidator] == FIRST_YEAR
    assert bounds[MaxValueValidator] == LAST_YEAR


@pytest.mark.parametrize(("form", "field"), list(_year_form_fields()))
def test_every_form_year_takes_the_range_from_its_home(form, field):
    assert isinstance(field, YearField)
    assert field.max_value == LAST_YEAR
    # A successor budget is for a year after an earlier one, so never the first year.
    expected = FIRST_YEAR + 1 if form is budgets.forms.NewFromForm else FIRST_YEAR
    assert field.min_value == expected


def test_the_carriers_were_found():
    assert len(list(_year_model_fields())) >= 6  # budget, column, funding, report, referrals
    assert len(list(_year_form_fields())) >= 6


def test_no_bound_is_written_outside_its_home():
    pattern = re.compile(r"\b(2004|2100)\b")
    home = ROOT / "finsam" / "lib" / "years.py"
    copies = [
        f"{path.relative_to(ROOT)}:{number}"
        for app in APPS
        for path in (ROOT / app).rglob("*")
        if path.suffix in (".py", ".html") and "migrations" not in path.parts and path != home
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert copies == []


def test_moving_the_bound_moves_imports_queries_and_messages(monkeypatch):
    monkeypatch.setattr(years, "LAST_YEAR", 2030)
    assert is_year(2030) and not is_year(2031)
    assert _year(2031) is None and _year(2030) == 2030  # the budget workbook import
    assert year_range_message() == "Ange ett år mellan 2004 och 2030."


def test_the_range_includes_both_bounds():
    assert is_year(FIRST_YEAR) and is_year(LAST_YEAR)
    assert not is_year(FIRST_YEAR - 1) and not is_year(LAST_YEAR + 1)
