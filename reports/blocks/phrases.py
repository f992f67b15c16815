"""How blocks put words together in Swedish, whatever the reader's interface language, since
a report is published in Swedish: lists ("A, B och C") and small counts in words ("fem")."""

from collections.abc import Sequence

NUMBERS = ("noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva")


def joined(names: Sequence[str]) -> str:
    """ "A, B och C"."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} och {names[-1]}"


def in_words(count: int, one: str, many: str) -> str:
    """ "ett styrelsemöte", "fem styrelsemöten", "13 styrelsemöten": `one` carries the
    article that fits the noun's gender."""
    if count == 1:
        return one
    return f"{NUMBERS[count] if count < len(NUMBERS) else count} {many}"
