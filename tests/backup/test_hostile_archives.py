"""Crafted export files: a restore links only files whose bytes the archive holds, stops
unpacking past the declared size, refuses the application's own addresses as slugs, and says
what is wrong with any malformed archive (a message, never a traceback)."""

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from finsam.models import Association, ImportBatch
from tests.backup.test_restore import (  # noqa: F401  (media_kept: autouse fixture)
    _export,
    _forget,
    _lines,
    _manifest,
    _rewritten,
    _set_lines,
    media_kept,
)

pytestmark = pytest.mark.django_db
SECRET = b"%PDF-1.7 Finnvedens faststallda delarsrapport\n"


@pytest.fixture
def vaxjo_export(tmp_path, settings) -> Path:
    """Växjö exported and gone from the installation; its import files are in the export."""
    vaxjo = Association.objects.get(slug="vaxjo")
    path = _export(vaxjo, tmp_path)
    _forget(vaxjo, Path(settings.MEDIA_ROOT))
    return path


@pytest.fixture
def other_pdf(settings) -> str:
    """Another association's frozen PDF, stored under its checksum name."""
    digest = hashlib.sha256(SECRET).hexdigest()
    finnveden = Association.objects.get(slug="finnveden")
    name = f"reports/{finnveden.pk}/{digest}.pdf"
    target = Path(settings.MEDIA_ROOT) / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(SECRET)
    return name


def _refused(path: Path, message: str) -> None:
    with pytest.raises(CommandError, match=message) as refused:
        call_command("import_association", str(path))
    assert str(refused.value).endswith("Inget har ändrats.")
    assert not Association.objects.filter(slug="vaxjo").exists()


def _point_first_import_at(name: str):
    def change(entries) -> None:
        lines = _lines(entries)
        row = next(line for line in lines if line["table"] == "finsam.importbatch")
        row["row"]["file"] = name
        _set_lines(entries, lines)

    return change


def test_a_file_named_by_checksum_is_not_linked_without_its_bytes(vaxjo_export, other_pdf):
    digest = hashlib.sha256(SECRET).hexdigest()

    def change(entries) -> None:
        _point_first_import_at(other_pdf)(entries)
        _manifest(lambda m: m["files"].append({"name": other_pdf, "sha256": digest, "size": 11}))(
            entries
        )
        entries[f"files/{other_pdf}"] = b"not the pdf"

    _refused(_rewritten(vaxjo_export, change), f"files/{other_pdf} har inte den kontrollsumma")
    assert not ImportBatch.objects.filter(file=other_pdf).exists()


def test_a_row_may_not_name_a_file_the_archive_lacks(vaxjo_export, other_pdf):
    _refused(
        _rewritten(vaxjo_export, _point_first_import_at(other_pdf)),
        rf"finsam.importbatch.file pekar på filen {other_pdf}, som inte finns i exporten",
    )


def test_unpacking_stops_at_the_declared_size(vaxjo_export, settings):
    big = b"0" * (8 * 2**20)  # 8 MB of zeros pack to a few kilobytes

    def change(entries) -> None:
        manifest = json.loads(entries["manifest.json"])
        entry = manifest["files"][0]
        entry.update(sha256=hashlib.sha256(big).hexdigest(), size=1000)
        entries[f"files/{entry['name']}"] = big
        entries["manifest.json"] = json.dumps(manifest).encode()

    changed = vaxjo_export.with_name("bomb.zip")
    entries = {}
    with zipfile.ZipFile(vaxjo_export) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    change(entries)
    with zipfile.ZipFile(changed, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    assert changed.stat().st_size < 200_000
    _refused(changed, "packas upp till mer än de 1000 byte manifestet anger")
    media = Path(settings.MEDIA_ROOT)
    assert not list(media.rglob("*.restoring"))  # the partly unpacked file is removed
    assert not [p for p in media.rglob("*") if p.is_file() and p.stat().st_size >= 2**20]


@pytest.mark.parametrize("slug", ["konto", "admin", "static", "media", "inte ett kortnamn"])
def test_a_reserved_or_invalid_slug_is_refused(vaxjo_export, slug):
    def change(entries) -> None:
        _manifest(lambda m: m["association"].update(slug=slug))(entries)
        lines = _lines(entries)
        next(line for line in lines if line["table"] == "finsam.association")["row"]["slug"] = slug
        _set_lines(entries, lines)

    with pytest.raises(CommandError, match=f"Förbundets kortnamn ”{slug}” i manifest.json"):
        call_command("import_association", str(_rewritten(vaxjo_export, change)))
    assert not Association.objects.filter(slug=slug).exists()


def test_the_rows_association_must_be_the_manifests(vaxjo_export):
    def change(entries) -> None:
        lines = _lines(entries)
        next(line for line in lines if line["table"] == "finsam.association")["row"]["slug"] = (
            "konto"
        )
        _set_lines(entries, lines)

    _refused(_rewritten(vaxjo_export, change), "förbundet heter ”konto”, manifestet ”vaxjo”")
    assert not Association.objects.filter(slug="konto").exists()


def _entries(change):
    """A rewrite of the archive's entries by a function of them."""
    return change


def _replace(name: str, content: bytes):
    def change(entries) -> None:
        entries[name] = content

    return change


MALFORMED = {
    "manifest not json": (_replace("manifest.json", b"{oj"), "manifest.json går inte att läsa"),
    "manifest a list": (_replace("manifest.json", b"[]"), "ingen export av ett förbund"),
    "manifest not utf-8": (
        _replace("manifest.json", b'{"format": "\xff"}'),
        "manifest.json går inte att läsa",
    ),
    "association a string": (
        _manifest(lambda m: m.update(association="vaxjo")),
        r"anger inget förbund \(association.slug\)",
    ),
    "slug a number": (
        _manifest(lambda m: m["association"].update(slug=5)),
        r"anger inget förbund \(association.slug\)",
    ),
    "tables a list": (_manifest(lambda m: m.update(tables=[])), "saknar ”tables”"),
    "table count a string": (
        _manifest(lambda m: m["tables"].update({"members.member": "många"})),
        "tables.members.member är inget antal rader",
    ),
    "migrations not lists": (
        _manifest(lambda m: m["migrations"].update(members=5)),
        "migrations.members är ingen lista",
    ),
    "user name a number": (
        _manifest(lambda m: m["users"][0].update(username=5)),
        r"users\[0\].username har fel slag",
    ),
    "member id a string": (
        _manifest(lambda m: m["members"][0].update(id="ett")),
        r"members\[0\].id har fel slag",
    ),
    "file size negative": (
        _manifest(lambda m: m["files"][0].update(size=-1)),
        r"files\[0\].size har fel slag",
    ),
    "file entry a string": (
        _manifest(lambda m: m["files"].append("fil.csv")),
        r"files\[\d+\] saknar något av",
    ),
    "file missing": (
        _manifest(lambda m: m["files"].append({"name": "x/y.csv", "sha256": "0", "size": 1})),
        "files/x/y.csv saknas i exporten",
    ),
    "data not utf-8": (
        _replace("data.jsonl", b'{"table": "\xff"}\n'),
        r"data.jsonl är skadad eller ingen UTF-8-text \(rad 1\)",
    ),
    "row a list": (
        _replace("data.jsonl", b'{"table": "members.member", "row": []}\n'),
        "ingen giltig rad",
    ),
    "id a list": (
        _entries(
            lambda e: e.update(
                {
                    "data.jsonl": b'{"table": "members.member", "row": {"id": [1]}}\n'
                    + e["data.jsonl"]
                }
            )
        ),
        "data.jsonl rad 1",
    ),
    "no data": (lambda e: e.pop("data.jsonl"), "saknar data.jsonl"),
}


@pytest.mark.parametrize("case", MALFORMED, ids=list(MALFORMED))
def test_a_malformed_archive_gets_a_message(case, vaxjo_export):
    change, message = MALFORMED[case]
    _refused(_rewritten(vaxjo_export, change), message)


def test_an_archive_that_is_no_zip_or_empty_gets_a_message(tmp_path):
    empty = tmp_path / "tom.zip"
    with zipfile.ZipFile(empty, "w"):
        pass
    with pytest.raises(CommandError, match="tom.zip saknar manifest.json"):
        call_command("import_association", str(empty))
    folder = tmp_path / "mapp.zip"
    folder.mkdir()
    with pytest.raises(CommandError, match="mapp.zip är ingen zip-fil"):
        call_command("import_association", str(folder))


def _damaged(path: Path, entry: str) -> Path:
    """The export with a wrong CRC-32 for `entry` in the zip's directory: its bytes read to
    the end, then zipfile finds them damaged."""
    data = bytearray(path.read_bytes())
    name = entry.encode()
    at = 0
    while (at := data.find(b"PK\x01\x02", at + 1)) != -1:  # central directory records
        length = int.from_bytes(data[at + 28 : at + 30], "little")
        if data[at + 46 : at + 46 + length] == name:
            data[at + 16 : at + 20] = bytes(b ^ 0xFF for b in data[at + 16 : at + 20])
            break
    target = path.with_name("damaged.zip")
    target.write_bytes(bytes(data))
    return target


def test_a_damaged_entry_gets_a_message(vaxjo_export):
    _refused(_damaged(vaxjo_export, "data.jsonl"), "data.jsonl är skadad i zip-filen")
    with zipfile.ZipFile(vaxjo_export) as archive:
        stored = next(n for n in archive.namelist() if n.startswith("files/"))
    _refused(_damaged(vaxjo_export, stored), f"{stored} är skadad i zip-filen")
