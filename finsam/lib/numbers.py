"""Swedish number format: reading what people type and writing what documents print.

Documents print "12 639 324" with a (non-breaking) space between thousands, a comma for
decimals and a minus sign for negative figures; people type the same, with ordinary spaces,
non-breaking or narrow spaces, or none at all ("12639324").
"""

import re
from decimal import Decimal, InvalidOperation

from finsam.lib.rounding import KRONA, in_thousands, round_to_step
from finsam.lib.text import gettext as _

NBSP = "\u00a0"
MINUS = "\u2212"
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_AMOUNT = re.compile(r"^[+-]?(\d+|\d{1,3}(\.\d{3})+)(,\d+)?$")


# The precision of every stored amount (finsam.fields builds the model fields from it).
MONEY_MAX_DIGITS = 14
MONEY_DECIMAL_PLACES = 2  # öre where they occur; documents print whole kronor or tkr
# The whole kronor a stored amount holds: a larger one is refused where it is typed or read.
MONEY_WHOLE_DIGITS = MONEY_MAX_DIGITS - MONEY_DECIMAL_PLACES


def is_whole_kronor(amount: Decimal) -> bool:
    """Budget figures are whole kronor (the books keep öre); the database checks the same."""
    return amount == amount.to_integral_value()


def fits_money(amount: Decimal) -> bool:
    """Whether `amount`'s whole kronor fit a stored amount (`MONEY_WHOLE_DIGITS`)."""
    return abs(amount) < 10**MONEY_WHOLE_DIGITS


def too_large_message(where: str) -> str:
    """The one message for an amount over `MONEY_WHOLE_DIGITS` digits, naming where it was
    typed ("Kansli, Budget 2014"); Django's own says "14 siffror", counting the öre."""
    return _("%(where)s: beloppet är för stort; högst %(digits)s siffror i kronor.") % {
        "where": where,
        "digits": MONEY_WHOLE_DIGITS,
    }


# Enough for any id, year or version; a longer run of digits is no number the application
# keeps (and int() refuses one of over 4 300 digits).
_MAX_DIGITS = 18


def whole_number(text: str) -> int | None:
    """`text` as a whole number if it is written with 0-9 only, else None. `str.isdigit()`
    alone also accepts "²", which `int()` refuses: a 500 for whoever types it."""
    if text.isascii() and text.isdigit() and len(text) <= _MAX_DIGITS:
        return int(text)
    return None


def is_blank_amount(text: str) -> bool:
    """Nothing typed, or a dash as printed plans write an empty cell: blank, not 0."""
    return text.strip() in ("", "-", "\u2013", "\u2014", MINUS)


class AmountError(ValueError):
    """Raised with a message that says what was typed and why it is not an amount."""


def parse_amount(text: str) -> Decimal:
    """Read an amount as Swedish users write it: "302 600", "302 600,00", "-1 399 400"."""
    cleaned = _SPACES.sub("", str(text)).replace(MINUS, "-").replace("kr", "")
    if not cleaned:
        raise AmountError(_("Ange ett belopp."))
    if cleaned.count(",") == 0 and cleaned.count(".") == 1 and _AMOUNT.match(cleaned) is None:
        cleaned = cleaned.replace(".", ",")  # "302600.00" from a spreadsheet export
    if _AMOUNT.match(cleaned) is None:
        raise AmountError(
            _("”%(text)s” är inte ett belopp. Skriv t.ex. 302 600 eller 302 600,50.")
            % {"text": text}
        )
    try:
        return Decimal(cleaned.replace(".", "").replace(",", "."))
    except InvalidOperation as error:  # pragma: no cover - the pattern above rules it out
        raise AmountError(_("”%(text)s” är inte ett belopp.") % {"text": text}) from error


def format_amount(value: Decimal | int, *, thousands: bool = False, decimals: int = 0) -> str:
    """Print an amount as Swedish documents do: "1 496 000", "-206", "533 333,33"."""
    amount = Decimal(value)
    if thousands:
        amount = in_thousands(amount)
    elif decimals == 0:
        amount = round_to_step(amount, KRONA)
    else:
        amount = round_to_step(amount, Decimal(1).scaleb(-decimals))
    return _group(amount, decimals if not thousands else 0)


def printed_with_sign(value: Decimal, *, negative: bool) -> str:
    """An amount kept positive but printed as taken away ("−5 000"): a reduction, a cost."""
    text = format_amount(value)
    return f"{MINUS}{text}" if negative else text


def format_percent(value: Decimal, decimals: int = 0) -> str:
    """Print a percentage: "29 %", "9,6 %"."""
    rounded = round_to_step(Decimal(value), Decimal(1).scaleb(-decimals))
    return f"{_group(rounded, decimals)}{NBSP}%"


def _group(amount: Decimal, decimals: int) -> str:
    sign = "-" if amount < 0 else ""
    whole, _, fraction = f"{abs(amount):.{decimals}f}".partition(".")
    groups: list[str] = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = NBSP.join(groups)
    return f"{sign}{text},{fraction}" if decimals else f"{sign}{text}"
