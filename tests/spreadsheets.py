"""Workbooks for tests, built with openpyxl, including what openpyxl cannot write itself.

openpyxl writes a formula without a computed value, as a program does; Excel stores the value
it last computed beside the formula. `with_computed_values` adds such values afterwards, so a
test can have both kinds of file.
"""

import io
import re
import zipfile

from openpyxl import Workbook


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def with_computed_values(content: bytes, values: dict[tuple[str, str], object]) -> bytes:
    """The workbook with Excel's last computed value for each formula cell, keyed by (sheet
    title, cell reference), e.g. {("Budget", "E12"): 1000}."""
    source = zipfile.ZipFile(io.BytesIO(content))
    parts = {name: source.read(name) for name in source.namelist()}
    for (title, ref), value in values.items():
        part = _sheet_part(parts, title)
        xml = parts[part].decode()
        # An empty value is written <v/> by openpyxl's own XML writer and <v></v> with lxml.
        cell = re.compile(rf'<c r="{ref}"([^>]*)>(<f>[^<]*</f>)(?:<v\s*/>|<v></v>)')
        kind = _value_type(value)
        xml, count = cell.subn(rf'<c r="{ref}"{kind}>\g<2><v>{value}</v>', xml)
        assert count == 1, f"no formula without a value in {title}!{ref}"
        parts[part] = xml.encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return out.getvalue()


def _value_type(value: object) -> str:
    """The cell's type attribute: an error ("#DIV/0!"), a text, or a number (none)."""
    if isinstance(value, str):
        return ' t="e"' if value.startswith("#") else ' t="str"'
    return ""


def _sheet_part(parts: dict[str, bytes], title: str) -> str:
    """The worksheet part of the sheet named `title` (the workbook lists them in order)."""
    titles = re.findall(r'<sheet [^>]*name="([^"]+)"', parts["xl/workbook.xml"].decode())
    return f"xl/worksheets/sheet{titles.index(title) + 1}.xml"
