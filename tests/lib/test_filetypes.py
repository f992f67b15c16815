"""Judging a file by its content (finsam/lib/filetypes.py), without a database."""

import io
import zipfile

import pytest

from finsam.lib.filetypes import HEAD, FileTypeError, check_csv, check_sie, check_xlsx


def zipped(parts: dict[str, bytes]) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    buffer.seek(0)
    return buffer


def test_a_zip_without_a_workbook_is_no_xlsx():
    with pytest.raises(FileTypeError, match="a.xlsx är en zip-fil men ingen Excel-arbetsbok"):
        check_xlsx(zipped({"word/document.xml": b"<w/>"}), "a.xlsx", max_unpacked=2**20)


def test_a_workbook_within_the_unpacked_limit_passes_and_is_rewound():
    stream = zipped({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
    check_xlsx(stream, "a.xlsx", max_unpacked=2**20)
    assert stream.tell() == 0


def test_utf8_cut_inside_a_letter_at_the_end_of_the_head_is_still_text():
    content = b"a" * (HEAD - 1) + "ö".encode()  # the head ends inside "ö"
    check_csv(io.BytesIO(content), "a.csv")


@pytest.mark.parametrize(
    "content",
    [b"#FLAGGA 0\r\n", b"\xef\xbb\xbf#FLAGGA 0\n", b"\r\n\r\n  #FLAGGA 0\n", b"\xff\xfe#\0F\0"],
    ids=["plain", "utf8-bom", "blank-lines-first", "utf16-left-to-the-reader"],
)
def test_sie_files_that_start_with_a_record(content):
    check_sie(io.BytesIO(content), "bok.se")


def test_a_sie_file_must_start_with_a_record():
    with pytest.raises(FileTypeError, match="bok.se är ingen SIE-fil: en SIE-fil börjar med"):
        check_sie(io.BytesIO(b"Konto;Belopp\n1930;100\n"), "bok.se")
