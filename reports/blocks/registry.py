"""The blocks of data a report section can show, by key.

A block is a function from the build context to a `Block`; each registers its key, the
label staff choose it by, and the kinds of report it belongs in. A section names its block
by key, so a report's outline is data that staff edit, while the figures stay computed.
"""

from collections.abc import Callable
from dataclasses import dataclass

from reports.data import Block

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


BLOCKS: dict[str, BlockSpec] = {}


def block(key: str, label: str, kinds: frozenset[str] = ALL_KINDS):
    """Register the decorated function as the builder of block `key`."""

    def decorator(build: Callable[..., Block]) -> Callable[..., Block]:
        BLOCKS[key] = BlockSpec(key, label, kinds, build)
        return build

    return decorator


def block_choices(kind: str) -> list[tuple[str, str]]:
    return [(spec.key, spec.label) for spec in BLOCKS.values() if kind in spec.kinds]
