"""Draft PDFs kept by what they show, so an unchanged draft is rendered once.

A draft's key is the SHA-256 of its print HTML (the builder's output as the template lays it
out), the stylesheet, the logo file and an annual report's attached auditors' report: any
change of the report's data, of the template or of the style gives another key, so nothing is
ever invalidated by hand. WeasyPrint's PDF of the HTML takes a second or two; the HTML itself
(every query of the builder) about half a second. The files lie in the default storage under
drafts/<association>/<report>-<key>.pdf.

So that an unchanged draft is not even built again, the key found for a *state* is kept too:
the association's data revision (`finsam.audit.revision`, which moves with every change of
its data or of the shared models), the code and templates, the language, the logo file and the
auditors' report. While the state is the same, so is the key, and the stored PDF is served
after one query; when the state has moved, the draft is built and its key computed again (the
PDF is rendered only if that key is new too). A state's key lies beside the drafts, in
drafts/<association>/<report>-state-<state>.key.
"""

import hashlib
from functools import cache
from importlib import metadata
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import translation

from finsam.audit.revision import association_revision
from finsam.lib.progress import Progress, in_step, steps_done
from members.facts_services import logo_file
from reports.builders import build_report
from reports.data import ReportData
from reports.models import Report
from reports.rendering import STATIC_SOURCE, print_html, report_pdf, with_attachment

# What the builder's output can depend on besides the database: the project's code, its
# templates and its translations (and the libraries that turn them into HTML and PDF).
CODE_SUFFIXES = frozenset({".py", ".html", ".mo", ".css"})
LIBRARIES = ("django", "weasyprint", "pypdf")


@cache
def _style_digest() -> str:
    """The stylesheet and fonts are static files: read once per process."""
    digest = hashlib.sha256()
    for path in sorted((STATIC_SOURCE / "css").glob("report*.css")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _code_folders() -> list[Path]:
    base = Path(settings.BASE_DIR).resolve()
    folders = [Path(app.path).resolve() for app in apps.get_app_configs()]
    folders = [folder for folder in folders if folder.is_relative_to(base)]
    return folders + [base / "templates", base / "locale", STATIC_SOURCE / "css"]


@cache
def code_digest() -> str:
    """The project's code, templates and translations as they are on disk (each file's
    name, size and time: a deploy that changes any gives another digest), and the versions
    of the libraries that render. Read once per process: code changes with a restart."""
    digest = hashlib.sha256()
    for folder in _code_folders():
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix in CODE_SUFFIXES and path.is_file():
                found = path.stat()
                digest.update(f"{path}:{found.st_size}:{found.st_mtime_ns}\n".encode())
    for library in LIBRARIES:
        digest.update(f"{library}=={metadata.version(library)}\n".encode())
    return digest.hexdigest()


def _file_stamp(path: Path | None) -> str:
    """A file as it lies on disk (an upload replaced in place would keep its name)."""
    if path is None or not path.is_file():
        return "-"
    found = path.stat()
    return f"{path}:{found.st_size}:{found.st_mtime_ns}"


def draft_state(report: Report) -> str:
    """Everything a draft's key depends on, as a digest, without building the draft."""
    parts = [
        association_revision(report.association_id),
        code_digest(),
        _style_digest(),
        translation.get_language() or "",
        _file_stamp(logo_file(report.association)),
        report.auditors_report.name or "",
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def draft_key(report: Report, data: ReportData) -> str:
    digest = hashlib.sha256(print_html(data).encode())
    digest.update(_style_digest().encode())
    if data.logo_path and data.logo_path.is_file():
        digest.update(hashlib.sha256(data.logo_path.read_bytes()).digest())
    if report.auditors_report:
        with report.auditors_report.open("rb") as received:
            digest.update(hashlib.sha256(received.read()).digest())
    return digest.hexdigest()


def draft_name(report: Report, key: str) -> str:
    return f"drafts/{report.association.slug}/{report.pk}-{key}.pdf"


def key_of(name: str) -> str:
    """The key in a stored draft's name (drafts/<association>/<report>-<key>.pdf)."""
    return name.rsplit("/", 1)[-1].removesuffix(".pdf").split("-", 1)[1]


def kept_by_key(report: Report, key: str) -> str | None:
    """The stored name of the report's draft rendered under `key`, if it is kept: the file a
    job rendered, as the figures were when it was asked for (they may have changed since)."""
    if len(key) != 64 or any(c not in "0123456789abcdef" for c in key):
        return None  # only a SHA-256 in hex names a draft: nothing else reaches the storage
    name = draft_name(report, key)
    return name if default_storage.exists(name) else None


def _state_name(report: Report, state: str) -> str:
    return f"drafts/{report.association.slug}/{report.pk}-state-{state}.key"


def _known_key(report: Report, state: str) -> str | None:
    name = _state_name(report, state)
    if not default_storage.exists(name):
        return None
    with default_storage.open(name, "rb") as stored:
        return stored.read().decode().strip() or None


def _remember(report: Report, state: str, key: str) -> None:
    name = _state_name(report, state)
    if not default_storage.exists(name):  # two at once: both found the same key
        default_storage.save(name, ContentFile(key.encode()))


def _current_key(report: Report) -> tuple[str, ReportData | None]:
    """The draft's key, and the built draft if it had to be built to find the key. The state
    is read before the data, so a change made meanwhile cannot be remembered as unchanged."""
    state = draft_state(report)
    key = _known_key(report, state)
    if key is not None:
        return key, None
    data = build_report(report)
    key = draft_key(report, data)
    _remember(report, state, key)
    return key, data


def kept_draft(report: Report) -> str | None:
    """The stored name of this draft's PDF, if it has been rendered already."""
    name = draft_name(report, _current_key(report)[0])
    return name if default_storage.exists(name) else None


def draft_render(report: Report, progress: Progress | None = None) -> str:
    """Render the draft's PDF and keep it; its stored name. `progress` is told how far it has
    come: finding the key (building the data, if the state moved) is the first half, the
    rendering (`report_pdf`'s steps) the second."""
    key, data = _current_key(report)
    name = draft_name(report, key)
    if default_storage.exists(name):
        steps_done(progress, 1, 1)
        return name
    if data is None:  # the key was known: the PDF is named by what is rendered now
        data = build_report(report)
        name = draft_name(report, draft_key(report, data))
    steps_done(progress, 1, 2)
    if not default_storage.exists(name):
        content = with_attachment(report_pdf(data, in_step(progress, 1, 2)), report.auditors_report)
        default_storage.save(name, ContentFile(content))
    steps_done(progress, 1, 1)
    return name
