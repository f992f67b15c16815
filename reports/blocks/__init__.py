"""Every block a report can show. Importing this package registers them all."""

from reports.blocks import budget  # noqa: F401  (registers its blocks)
from reports.blocks.registry import BLOCKS, block_choices

__all__ = ["BLOCKS", "block_choices"]
