"""The table reader on files that once crashed it (each was a 500 through the import page)."""

import csv

import pytest

from finsam.lib.filetypes import HEAD
from finsam.lib.tabular import TableError, read_table


def test_a_byte_no_encoding_reads_far_into_the_file_is_a_message():
    content = b"Kommun;Datum\n" + b"a;b\n" * (HEAD // 4) + b"Gnosj\x81 kommun;2015-11-01\n"
    with pytest.raises(TableError, match="går inte att läsa som text"):
        read_table(content, "inv.csv")


def test_a_lone_carriage_return_inside_a_field_is_read():
    rows = read_table(b'Kommun;Namn\n1;"a\rb"\n', "inv.csv")
    assert [cell.text for cell in rows[1]] == ["1", "a\rb"]


def test_a_file_the_sniffer_cannot_read_leaves_the_csv_module_as_it_was():
    read_table("Kommun\nGnosjö kommun\n".encode(), "inv.csv")
    assert csv.excel.delimiter == ","


def test_a_field_over_the_csv_modules_limit_is_a_message():
    with pytest.raises(TableError, match="kunde inte läsas som CSV"):
        read_table(b'A;B\n"' + b"x" * 200_000 + b'";1\n', "a.csv")
