"""What the load test (bench/load.py) reads and writes through Django itself: the copies of the
demo associations (in the template database), its users, the editors' figures and the
readers' pages before the run, what was stored and which PDFs were rendered after it.

    python bench/setup_load.py copies 80     # DATABASE_URL, MEDIA_ROOT: the template's
"""

import io
import json
import os
import secrets
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from load_people import Cell, Editor, Page

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# The tables that name the association's slug: its row and its history.
ASSOCIATION_TABLES = ("finsam.association", "finsam.historicalassociation")


def _django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "finsam.settings")
    import django

    django.setup()


def copy_demo(url: str, associations: int) -> None:
    """Grow the four demo associations to `associations`: each copy is the export of a demo
    association (finsam.backup) restored under another slug and name, with its budgets,
    reports (adopted PDFs included), initiatives, books and history, as a real association
    has them. The restore gives every row a new id; shared rows (users, member
    organisations) are matched, so the copies share the demo's members as neighbours do."""
    _django(url)
    from finsam.backup.restore import import_association
    from finsam.backup.writer import export_association
    from finsam.models import Association

    demo = list(Association.objects.order_by("slug"))
    folder = Path(tempfile.mkdtemp(prefix="finsam-load-copies-"))
    exports = {}
    for association in demo:
        exports[association.slug] = folder / f"{association.slug}.zip"
        export_association(association, exports[association.slug])
    for number in range(associations - len(demo)):
        source = demo[number % len(demo)]
        copy = number // len(demo) + 2
        target = folder / "copy.zip"
        _renamed(exports[source.slug], target, f"{source.slug}-{copy}", f"{source.name} {copy}")
        import_association(target)
    print(f"{Association.objects.count()} associations")


def _renamed(source: Path, target: Path, slug: str, name: str) -> None:
    """The export at `source` as if the association had another slug and name (and no
    organisation number, which is unique)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for entry in old.infolist():
            content = old.read(entry)
            if entry.filename == "manifest.json":
                manifest = json.loads(content)
                manifest["association"].update(slug=slug, name=name)
                content = json.dumps(manifest).encode()
            elif entry.filename == "data.jsonl":
                out = io.StringIO()
                for line in content.decode().splitlines():
                    record = json.loads(line)
                    if record["table"] in ASSOCIATION_TABLES:
                        record["row"].update(slug=slug, name=name, org_number="")
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
                content = out.getvalue().encode()
            new.writestr(entry.filename, content)


@dataclass
class Place:
    """One association as the load test sees it: its pages, its PDFs, and its draft
    budget's figures (each editor of it takes one of its own)."""

    slug: str
    pages: list[Page]
    pdfs: list[Page]
    cells: list[Cell] = field(default_factory=list)
    draft_pdfs: dict[int, str] = field(default_factory=dict)  # budget -> its report's draft


def prepare(url: str, pages: list[Page], pdfs: list[Page]) -> list[Place]:
    """Every association's pages, PDFs and draft figures, filled from its data."""
    _django(url)
    from django.db import connections

    from finsam.models import Association

    places = []
    for association in Association.objects.order_by("pk"):
        place = Place(association.slug, _pages(association, pages), _pages(association, pdfs))
        place.cells = _cells(association)
        place.draft_pdfs = {
            report.budget_id: f"/{association.slug}/rapporter/{report.pk}/pdf/utkast/"
            for report in association.reports.filter(budget__isnull=False).order_by("pk")
        }
        places.append(place)
    connections.close_all()
    return places


def users(usernames: dict[str, tuple[str, str]], password: str, sessions: set[str]) -> dict:
    """Create each user (username -> (slug, role)) with a role in that one association.
    Those in `sessions` get a session made here (sign-in hashes the password, slow on
    purpose: 200 of them would take minutes of the two cores); -> username: (session key,
    CSRF secret), for the cookies a browser would hold after signing in."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import connections
    from django.test import Client

    from finsam.models import Association, UserRole

    hashed = make_password(password)  # once: hashing is slow on purpose
    by_slug = {a.slug: a for a in Association.objects.all()}
    cookies = {}
    for username, (slug, role) in usernames.items():
        user = get_user_model().objects.create(username=username, password=hashed)
        UserRole.objects.create(user=user, association=by_slug[slug], role=role)
        if username in sessions:
            client = Client()
            client.force_login(user)
            session = client.cookies[settings.SESSION_COOKIE_NAME].value
            # Any 32 letters and digits are a valid CSRF secret: the cookie a first page sets.
            alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
            cookies[username] = (session, "".join(secrets.choice(alphabet) for _ in range(32)))
    connections.close_all()
    return cookies


def _cells(association) -> list[Cell]:
    """The association's figures of amount lines in its draft budgets, one per line and
    column label (so a report names it unambiguously)."""
    from budgets.models import BudgetAmount

    cells: list[Cell] = []
    amounts = BudgetAmount.objects.filter(
        line__kind="amount", line__document__status="draft", line__document__association=association
    ).select_related("line", "column")
    for amount in amounts.order_by("line__document", "line__order", "column__order"):
        line, column = amount.line, amount.column
        what = f"{line.label} / {column.label}"
        if any(c.what == what and c.document == line.document_id for c in cells):
            continue
        cells.append(
            Cell(association.slug, line.document_id, line.pk, column.pk, what, int(amount.amount))
        )
    return cells


def _pages(association, pages: list[Page]) -> list[Page]:
    """The pages filled in for the association; a path that names no page stops the run."""
    from django.urls import resolve

    latest = {
        "budget": association.budget_documents.order_by("-year", "-revision").first(),
        "year": association.funding_years.order_by("-year").first(),
        "initiative": association.initiatives.order_by("pk").first(),
        "report": association.reports.order_by("-year", "pk").first(),
    }
    names = {"slug": association.slug, "year": getattr(latest.pop("year"), "year", None)}
    names |= {name: getattr(found, "pk", None) for name, found in latest.items()}
    filled = []
    for page in pages:
        needed = [name for name in names if "{" + name + "}" in page.path]
        if any(names[name] is None for name in needed):
            continue  # the association has no budget, funding year, initiative or report
        path = page.path.format(**names)
        resolve(path)
        filled.append(Page(page.kind, path))
    return filled


def stored(url: str, editors: list[Editor]) -> dict[str, tuple[int, list[int]]]:
    """Per editor: the figure in its cell now, and every value its saves left in the cell's
    history (the audit trail), in order."""
    _django(url)
    from django.contrib.auth import get_user_model

    from budgets.models import BudgetAmount

    users = dict(get_user_model().objects.values_list("username", "pk"))
    found = {}
    for editor in editors:
        cell = editor.cell
        assert cell is not None
        figure = BudgetAmount.objects.get(line_id=cell.line, column_id=cell.column).amount
        saved = BudgetAmount.history.filter(
            line_id=cell.line, column_id=cell.column, history_user_id=users[editor.username]
        ).exclude(history_type="-")
        values = [int(v) for v in saved.order_by("history_id").values_list("amount", flat=True)]
        found[editor.username] = (int(figure), values)
    return found


def renders(url: str) -> list[tuple[float, float, str]]:
    """When the worker rendered draft PDFs: (started, finished, status) as Unix times, from
    the jobs table (the same clock as the load test's, on one machine)."""
    _django(url)
    from finsam.models import Job

    found = []
    for started, finished, status in Job.objects.filter(kind="report_draft").values_list(
        "started_at", "finished_at", "status"
    ):
        if started is not None:
            end: datetime | None = finished
            found.append((started.timestamp(), end.timestamp() if end else float("inf"), status))
    return found


if __name__ == "__main__":
    if sys.argv[1:2] != ["copies"] or len(sys.argv) != 3:
        sys.exit(__doc__)
    copy_demo(os.environ["DATABASE_URL"], int(sys.argv[2]))
