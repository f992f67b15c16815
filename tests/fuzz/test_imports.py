"""Every import, sent mutated files: the demo's SIE file, csv and xlsx files cut short, with
bytes changed, lines replaced, another encoding, or XML inside the workbook broken. The
import either plans the file (and applies it, or refuses at confirmation) or lists problems;
never an exception, and a refused file changes nothing and is not kept."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from budgets.models import BudgetDocument
from budgets.selectors import budget_sheet
from budgets.services import document_import
from budgets.xlsx.export import export_budget
from budgets.xlsx.importer import BudgetFileError, read_budget
from finsam.imports.batches import import_confirm, import_upload
from finsam.imports.kinds import kind_choices
from finsam.models import Association
from tests.fuzz.conftest import PROFILE
from tests.fuzz.guard import kept_files, watched
from tests.fuzz.values import NAMES, file_contents, mutated_xlsx

pytestmark = pytest.mark.django_db


def upload_and_confirm(association, kind, name, content, period_end):
    """Upload, and confirm a file that reads (in a savepoint of its own, so a refusal there
    is checked against the state after the upload). Returns (step, problems) of a refusal,
    or None when the file was applied."""
    batch, plan = import_upload(
        association=association,
        kind=kind,
        filename=name,
        content=content,
        user=None,
        period_end=period_end,
    )
    if batch is None:
        assert plan.problems, "a file neither kept nor refused"
        return "upload", plan.problems
    problems, changed = watched(lambda: _confirm(batch))
    if problems is not None:
        assert not changed, f"{kind} {name}: refused at confirmation ({problems[:2]}) but written"
        return "confirm", problems
    return None


def _confirm(batch):
    try:
        import_confirm(batch=batch)
    except ValidationError as error:
        return error.messages
    return None


@pytest.mark.parametrize("slug", ["vaxjo", "finnveden"])
@pytest.mark.parametrize("kind", [kind for kind, _label in kind_choices()])
def test_import_files(slug, kind):
    association = Association.objects.get(slug=slug)

    @settings(PROFILE)
    @given(
        content=file_contents(kind),
        name=st.sampled_from(NAMES),
        period_end=st.sampled_from([None, date(2015, 3, 31), date(2014, 8, 31)]),
    )
    def attempt(content, name, period_end):
        before = kept_files()
        refusal, changed = watched(
            lambda: upload_and_confirm(association, kind, name, content, period_end)
        )
        if refusal is not None:
            step, problems = refusal
            assert all(str(problem).strip() for problem in problems)
            if step == "upload":  # a file is kept and recorded from its preview on
                assert not changed, f"{kind} {name}: refused ({problems[:2]}) but written"
                assert kept_files() == before, f"{kind} {name}: refused but kept"

    attempt()


def test_budget_files():
    document = BudgetDocument.objects.get(association__slug="finnveden")
    exported = export_budget(budget_sheet(document))

    @settings(PROFILE)
    @given(content=st.one_of(mutated_xlsx(exported), file_contents(xlsx=[exported])))
    def attempt(content):
        def read_and_import():
            try:
                plan = read_budget(content)
                document_import(association=document.association, plan=plan, user=None)
            except BudgetFileError as error:
                return error.problems
            except ValidationError as error:
                return error.messages
            return None

        problems, changed = watched(read_and_import)
        if problems is not None:
            assert problems and all(p.strip() for p in problems)
            assert not changed, f"refused ({problems[:2]}) but written"

    attempt()
