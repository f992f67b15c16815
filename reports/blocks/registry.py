"""The blocks of data a report section can show, by key.

A block is a function from the build context to a `Block`; each registers its key, the
label staff choose it by, and the kinds of report it belongs in. A section names its block
by key, so a report's outline is data that staff edit, while the figures stay computed.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy

from reports.data import Block

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

ALL_KINDS = frozenset({"verksamhetsplan", "delarsrapport", "arsredovisning"})
# The reports that look back on the books: the interim report and the annual report.
LOOKING_BACK = frozenset({"delarsrapport", "arsredovisning"})
ANNUAL = frozenset({"arsredovisning"})


@dataclass(frozen=True)
class BlockSpec:
    key: str
    label: str
    kinds: frozenset[str]
    build: Callable[..., Block]
    # The block shows one initiative's figures: its section names which initiative.
    for_initiative: bool = False


BLOCKS: dict[str, BlockSpec] = {}


def block(key: str, label: str, kinds: frozenset[str] = ALL_KINDS, *, for_initiative: bool = False):
    """Register the decorated function as the builder of block `key`."""

    def decorator(build: Callable[..., Block]) -> Callable[..., Block]:
        BLOCKS[key] = BlockSpec(key, label, kinds, build, for_initiative)
        return build

    return decorator


def every_block_choice() -> "list[tuple[str, StrOrPromise]]":
    """Every block's key and label: a section's choices, so that its history shows labels."""
    import reports.blocks  # noqa: F401  (its modules register their blocks when imported)

    # A label is its Swedish msgid (read when the block registered, before any request chose
    # a language): translated lazily, as every model choice is.
    return [(spec.key, gettext_lazy(spec.label)) for spec in BLOCKS.values()]


def block_choices(kind: str) -> list[tuple[str, str]]:
    return [(spec.key, spec.label) for spec in BLOCKS.values() if kind in spec.kinds]
