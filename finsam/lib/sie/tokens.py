"""Splitting SIE lines into fields, and converting field values.

This is the parser's hot path, kept apart from the record logic in `parser`. A line is split
into a list of fields: plain strings, plus one tuple of `ObjRef` for an object list
(`{1 "100" 6 "P1"}`). Three tokenizers, fastest first:

* no quotes: `str.split`, with a `partition` for the one object list a #TRANS line has;
* quotes but no backslash: `str.split('"')`, since every quote then opens or closes a value;
* otherwise a regular expression that understands `\\"` and `\\\\` inside quotes.

Field conversions raise `FieldError` with a Swedish message; the reader adds the line
number and record label. Dates and object lists are cached: a file repeats the same few
hundred of each, and building them is the slow part of a #TRANS line.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import TypeAlias

from finsam.lib.text import gettext as _

from .records import Objects, ObjRef, Period

__all__ = [
    "Field",
    "FieldError",
    "Unterminated",
    "as_int",
    "as_text",
    "opt_amount",
    "opt_date",
    "opt_text",
    "parse_amount",
    "parse_date",
    "parse_money",
    "parse_period",
    "shown",
    "tokenize",
    "with_objects",
]

Field: TypeAlias = str | Objects


class FieldError(Exception):
    """A problem within one line; the reader adds line number and label."""


class Unterminated(FieldError):
    """A quote or object list that never closes: a hint of a truncated file."""


# --- Tokenizer -------------------------------------------------------------------------

_TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"|([{}])|([^\s"{}]+)|(")')
_ESCAPE = re.compile(r'\\(["\\])')
_NO_OBJECTS: Objects = ()
_OPEN, _CLOSE = object(), object()  # brace tokens, distinct from a quoted "{" value
_OBJECT_CACHE: dict[object, Objects] = {}


def tokenize(line: str) -> list[Field]:
    """Split one stripped line into fields; an object list becomes one tuple of ObjRef."""
    if '"' in line:
        return _tokenize_regex(line) if "\\" in line else _tokenize_quoted(line)
    if "{" not in line and "}" not in line:
        return line.split()  # type: ignore[return-value]  # list is invariant; str is a Field
    head, _, rest = line.partition("{")
    inner, closed, tail = rest.partition("}")
    if not closed or "}" in head or "{" in rest or "}" in tail:
        return _tokenize_regex(line)
    fields: list[Field] = list(head.split())
    objects = _OBJECT_CACHE.get(inner)
    fields.append(objects if objects is not None else _cached_objects(inner, inner.split()))
    fields.extend(tail.split())
    return fields


def _tokenize_quoted(line: str) -> list[Field]:
    # Without backslashes every " opens or closes a value, so str.split does the work.
    parts = line.split('"')
    if not len(parts) % 2:
        raise Unterminated(_("citattecken som aldrig avslutas"))
    tokens: list[object] = []
    for i, part in enumerate(parts):
        if i % 2:
            tokens.append(part)
        elif "{" in part or "}" in part:
            spaced = part.replace("{", " { ").replace("}", " } ").split()
            tokens.extend(_OPEN if p == "{" else _CLOSE if p == "}" else p for p in spaced)
        else:
            tokens.extend(part.split())
    return _assemble(tokens)


def _tokenize_regex(line: str) -> list[Field]:
    tokens: list[object] = []
    for match in _TOKEN.finditer(line):
        quoted, brace, bare, stray = match.groups()
        if stray is not None:
            raise Unterminated(_("citattecken som aldrig avslutas"))
        if brace is not None:
            tokens.append(_OPEN if brace == "{" else _CLOSE)
        else:
            tokens.append(bare if quoted is None else _ESCAPE.sub(r"\1", quoted))
    return _assemble(tokens)


def _assemble(tokens: list[object]) -> list[Field]:
    fields: list[Field] = []
    group: list[str] | None = None
    for token in tokens:
        if token is _OPEN:
            if group is not None:
                raise FieldError(_("objektlista inuti objektlista"))
            group = []
        elif token is _CLOSE:
            if group is None:
                raise FieldError(_("} utan föregående {"))
            fields.append(_cached_objects(tuple(group), group))
            group = None
        else:
            (fields if group is None else group).append(token)  # type: ignore[arg-type]
    if group is not None:
        raise Unterminated(_("objektlistan avslutas inte med }"))
    return fields


def _cached_objects(key: object, items: list[str]) -> Objects:
    # Object lists repeat (the same cost centres and projects), and building ObjRef tuples
    # is the slow part of a #TRANS line, so they are cached like dates.
    objects = _OBJECT_CACHE.get(key)
    if objects is None:
        objects = _objects(items)
        if len(_OBJECT_CACHE) < 20_000:
            _OBJECT_CACHE[key] = objects
    return objects


def _objects(items: list[str]) -> Objects:
    if not items:
        return _NO_OBJECTS
    if len(items) % 2:
        raise FieldError(_("objektlistan ska bestå av par av dimensionsnummer och objektkod"))
    dims = items[0::2]
    if not all(len(dim) <= 20 and _INT.fullmatch(dim) for dim in dims):
        raise FieldError(_("objektlistan har ett dimensionsnummer som inte är ett heltal"))
    return tuple(ObjRef(int(dim), code) for dim, code in zip(dims, items[1::2], strict=True))


# --- Field converters --------------------------------------------------------------------

_INT = re.compile(r"[-+]?[0-9]+")
_AMOUNT = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_DATES: dict[str, date] = {}


def shown(text: str) -> str:
    """A value as quoted in a message, cut short so a garbage field cannot flood it."""
    return text if len(text) <= 40 else text[:40] + "…"


def as_text(value: Field) -> str:
    if type(value) is str:
        return value
    raise FieldError(_("objektlista där ett enkelt värde skulle stå"))


def as_int(value: Field) -> int:
    # The length cap keeps int() away from huge digit strings (it raises past 4300 digits).
    if type(value) is str and len(value) <= 20 and _INT.fullmatch(value):
        return int(value)
    raise FieldError(_("'%(value)s' är inte ett heltal") % {"value": shown(as_text(value))})


def parse_amount(value: Field) -> Decimal:
    """An SIE amount ("-1234.50") as an exact Decimal."""
    text = as_text(value)
    if len(text) <= 40 and _AMOUNT.fullmatch(text):
        return Decimal(text)
    hint = " " + _("(decimaltecknet ska vara punkt)") if "," in text else ""
    raise FieldError(_("ogiltigt belopp '%(amount)s'") % {"amount": shown(text)} + hint)


def parse_money(value: Field) -> Decimal:
    """An amount of money: at most two decimals (trailing zeros aside), checked on the text."""
    amount = parse_amount(value)
    text = value
    assert type(text) is str
    dot = text.find(".")
    if dot >= 0 and len(text) - dot > 3 and text[dot + 3 :].strip("0"):
        raise FieldError(
            _("beloppet %(amount)s har fler än två decimaler (kronor och ören)")
            % {"amount": shown(text)}
        )
    return amount


def parse_date(value: Field) -> date:
    """An SIE date (YYYYMMDD); cached because a file repeats the same few hundred dates."""
    text = as_text(value)
    day = _DATES.get(text)
    if day is None:
        day = _parse_new_date(text)
        if len(_DATES) < 50_000:
            _DATES[text] = day
    return day


def _parse_new_date(text: str) -> date:
    if len(text) == 8 and text.isascii() and text.isdigit():
        try:
            return date(int(text[:4]), int(text[4:6]), int(text[6:]))
        except ValueError:
            pass
    raise FieldError(_("ogiltigt datum '%(date)s' (ska vara ÅÅÅÅMMDD)") % {"date": shown(text)})


def parse_period(value: Field) -> Period:
    text = as_text(value)
    if len(text) == 6 and text.isascii() and text.isdigit() and 1 <= int(text[4:]) <= 12:
        return Period(int(text[:4]), int(text[4:]))
    raise FieldError(_("ogiltig period '%(period)s' (ska vara ÅÅÅÅMM)") % {"period": shown(text)})


def opt_text(f: list[Field], i: int) -> str:
    return as_text(f[i]) if i < len(f) else ""


def opt_amount(f: list[Field], i: int) -> Decimal | None:
    return parse_amount(f[i]) if i < len(f) and f[i] != "" else None


def opt_date(f: list[Field], i: int) -> date | None:
    return parse_date(f[i]) if i < len(f) and f[i] != "" else None


def with_objects(f: list[Field], i: int) -> list[Field]:
    # Some exporters leave out an empty object list altogether; put it back so positions hold.
    return f if type(f[i]) is tuple else [*f[:i], _NO_OBJECTS, *f[i:]]
