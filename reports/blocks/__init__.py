"""Every block a report can show. Importing this package registers them all."""

from reports.blocks import (  # noqa: F401  (each module registers its blocks)
    annual,
    association,
    budget,
    budget_chart,
    economy,
    funding,
    goal_outcomes,
    goals,
    governance,
    initiatives,
    meetings,
    organisation,
    results,
    statements,
    year_initiatives,
)
from reports.blocks.registry import BLOCKS, block_choices

__all__ = ["BLOCKS", "block_choices"]
