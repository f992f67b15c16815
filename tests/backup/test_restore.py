"""Backups: an association exported and restored is the same association, figure by figure,
history and files included; a bad file is refused with a clear message and changes nothing."""

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from djmoney.money import Money

from budgets.services import budget_amount_set, line_delete
from finsam.backup.archive import MOVED_TABLES
from finsam.imports.batches import import_confirm, import_upload
from finsam.models import Association
from finsam.permissions import Role
from tests.backup.compare import association_figures

pytestmark = pytest.mark.django_db


def _history_worth_keeping(association: Association) -> None:
    """A changed figure, a deleted line and an imported file, made by a signed-in user."""
    kansli = get_user_model().objects.get(username="kansli")
    document = association.budget_documents.order_by("pk").first()
    if document is not None:
        line = document.lines.filter(kind="amount").order_by("order").first()
        amount = line.amounts.order_by("pk").first()
        budget_amount_set(
            line=line,
            column=amount.column,
            amount=amount.amount + 1000,
            expected=amount.amount,
            user=kansli,
        )
        line_delete(
            line=document.lines.filter(kind="amount").order_by("-order").first(), user=kansli
        )
    municipality = association.memberships.filter(member__kind="municipality").first().member
    content = f"Kommun;Datum;Invånare\n{municipality.name};2015-11-01;12345\n".encode()
    batch, plan = import_upload(
        association=association, kind="population", filename="inv.csv", content=content, user=kansli
    )
    import_confirm(batch=batch)


def _export(association: Association, folder: Path) -> Path:
    path = folder / f"{association.slug}.zip"
    call_command("export_association", association.slug, "--output", str(path))
    return path


def _forget(association: Association, media: Path) -> None:
    """The installation loses the association and its files."""
    files = [media / b.file.name for b in association.imports.all()]
    association.delete()
    for path in files:
        path.unlink()


@pytest.fixture(autouse=True)
def media_kept(settings, tmp_path_factory):
    """The files of the session's MEDIA_ROOT as they were before the test (the database
    rolls back after each test; files do not)."""
    media = Path(settings.MEDIA_ROOT)
    kept = tmp_path_factory.mktemp("media-kept") / "media"
    shutil.copytree(media, kept)
    yield
    shutil.rmtree(media)
    shutil.copytree(kept, media)


@pytest.mark.parametrize("association", ["vaxjo", "finnveden"], indirect=True)
def test_a_restored_association_has_every_figure_of_the_original(association, tmp_path, settings):
    _history_worth_keeping(association)
    before = association_figures(association)
    path = _export(association, tmp_path)
    _forget(association, Path(settings.MEDIA_ROOT))
    call_command("import_association", str(path))
    after = association_figures(Association.objects.get(slug=association.slug))
    for area, figures in before.items():
        assert after[area] == figures, area
    reports = 2 if association.slug == "vaxjo" else 1  # Växjö: interim 2014, annual 2013
    assert before["history"]["count"] > 100 and len(before["reports"]) == reports
    if association.slug == "vaxjo":  # with books: year-ends 2012-2014, and August 2014
        assert (len(before["statements"]), len(before["imports"])) == (4, 2)


def test_users_the_installation_lacks_are_created_without_a_password(
    association, tmp_path, settings
):
    extra = get_user_model().objects.create_user(
        "tillfallig", password="pw-test-123", first_name="Tilda"
    )
    association.user_roles.create(user=extra, role=Role.AUDITOR)
    path = _export(association, tmp_path)
    _forget(association, Path(settings.MEDIA_ROOT))
    extra.delete()
    call_command("import_association", str(path))
    restored = get_user_model().objects.get(username="tillfallig")
    assert restored.first_name == "Tilda" and not restored.has_usable_password()
    assert (
        Association.objects.get(slug=association.slug).user_roles.get(user=restored).role
        == "auditor"
    )


def _rewritten(path: Path, change) -> Path:
    """A copy of an export with `change(entries)` applied to its {name: bytes} entries."""
    with zipfile.ZipFile(path) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    change(entries)
    target = path.with_name("changed.zip")
    with zipfile.ZipFile(target, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return target


def _lines(entries) -> list[dict]:
    return [json.loads(line) for line in entries["data.jsonl"].decode().splitlines()]


def _set_lines(entries, lines) -> None:
    entries["data.jsonl"] = "".join(json.dumps(line) + "\n" for line in lines).encode()


def _bad_amount(entries) -> None:
    lines = _lines(entries)
    row = next(line for line in lines if line["table"] == "initiatives.decision")
    row["row"]["amount"] = "mycket"
    _set_lines(entries, lines)


def _dangling_key(entries) -> None:
    lines = _lines(entries)
    row = next(line for line in lines if line["table"] == "initiatives.decision")
    row["row"]["initiative_id"] = 999999
    _set_lines(entries, lines)


def _manifest(change):
    def rewrite(entries) -> None:
        manifest = json.loads(entries["manifest.json"])
        change(manifest)
        entries["manifest.json"] = json.dumps(manifest).encode()

    return rewrite


def _other_kind(manifest) -> None:
    first = manifest["members"][0]
    first["kind"] = "region" if first["kind"] != "region" else "municipality"


def _data(change):
    def rewrite(entries) -> None:
        entries["data.jsonl"] = change(entries["data.jsonl"])

    return rewrite


def _first_file(change):
    return _manifest(lambda manifest: change(manifest["files"][0]))


BAD_FILES = {
    "amount": (_bad_amount, "data.jsonl rad [0-9]+: initiatives.decision.amount"),
    "key": (_dangling_key, "initiatives.decision.initiative_id pekar på initiatives.initiative"),
    "truncated": (_data(lambda d: d.rsplit(b"\n", 2)[0] + b"\n"), "Filen är ofullständig"),
    "table": (_data(lambda d: b'{"table": "x.y", "row": {}}\n' + d), "okänd tabell ”x.y”"),
    "json": (_data(lambda d: b"{oj\n" + d), "data.jsonl rad 1: ingen giltig rad"),
    "version": (_manifest(lambda m: m.update(version=99)), "formatversion 99"),
    "migration": (
        _manifest(lambda m: m["migrations"]["members"].append("9999_future")),
        "members.9999_future",
    ),
    "unsafe name": (_first_file(lambda f: f.update(name="../../utanfor")), "Otillåtet filnamn"),
    "checksum": (_first_file(lambda f: f.update(sha256="0" * 64)), "kontrollsumma"),
    "no manifest": (lambda e: e.pop("manifest.json"), "saknar manifest.json"),
    "manifest entry": (_manifest(lambda m: m["users"].append({"id": 1})), r"users\[\d+\] saknar"),
    "member kind": (_manifest(_other_kind), "finns redan här, men som"),
}


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_a_bad_file_is_refused_clearly_and_changes_nothing(case, tmp_path, settings):
    vaxjo = Association.objects.get(slug="vaxjo")
    path = _export(vaxjo, tmp_path)
    _forget(vaxjo, Path(settings.MEDIA_ROOT))
    # Compared with what was there before: other tests (fuzz imports) may leave files behind.
    before = set((Path(settings.MEDIA_ROOT) / "imports" / "vaxjo").glob("*"))
    change, message = BAD_FILES[case]
    with pytest.raises(CommandError, match=message) as refused:
        call_command("import_association", str(_rewritten(path, change)))
    assert str(refused.value).endswith("Inget har ändrats.")
    assert not Association.objects.filter(slug="vaxjo").exists()
    assert set((Path(settings.MEDIA_ROOT) / "imports" / "vaxjo").glob("*")) == before


def test_an_existing_association_or_a_file_that_is_no_export_is_refused(association, tmp_path):
    path = _export(association, tmp_path)
    with pytest.raises(CommandError, match="Förbundet ”finnveden” finns redan i installationen"):
        call_command("import_association", str(path))
    (tmp_path / "inte.zip").write_bytes(b"hej")
    with pytest.raises(CommandError, match="inte.zip är ingen zip-fil"):
        call_command("import_association", str(tmp_path / "inte.zip"))
    with pytest.raises(CommandError, match="finns inte"):
        call_command("import_association", str(tmp_path / "saknas.zip"))


def test_the_comparison_notices_a_changed_figure(association, tmp_path, settings):
    path = _export(association, tmp_path)
    before = association_figures(association)
    _forget(association, Path(settings.MEDIA_ROOT))
    call_command("import_association", str(path))
    restored = Association.objects.get(slug=association.slug)
    year = restored.funding_years.get(year=2014)
    year.state_granted = Money(year.state_granted.amount + 100, "SEK")
    year.save()
    after = association_figures(restored)
    assert after["funding"] != before["funding"] and after["budgets"] != before["budgets"]
    assert after["history"]["count"] == before["history"]["count"] + 1


def _as_before_the_platform_move(entries) -> None:
    """An export written while the association, roles, invitations and imports were members'."""
    old = {new: old for old, new in MOVED_TABLES.items()}
    lines = _lines(entries)
    for line in lines:
        line["table"] = old.get(line["table"], line["table"])
    _set_lines(entries, lines)
    manifest = json.loads(entries["manifest.json"])
    manifest["tables"] = {old.get(label, label): n for label, n in manifest["tables"].items()}
    del manifest["migrations"]["finsam"]
    entries["manifest.json"] = json.dumps(manifest).encode()


def test_an_export_from_before_the_platform_move_restores(tmp_path, settings):
    vaxjo = Association.objects.get(slug="vaxjo")
    before = association_figures(vaxjo)
    path = _rewritten(_export(vaxjo, tmp_path), _as_before_the_platform_move)
    assert b'"members.association"' in zipfile.ZipFile(path).read("data.jsonl")
    _forget(vaxjo, Path(settings.MEDIA_ROOT))
    call_command("import_association", str(path))
    assert association_figures(Association.objects.get(slug="vaxjo")) == before
