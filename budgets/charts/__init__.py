"""Charts as SVG text, drawn on the server so the same picture goes into pages and PDFs.

Pure: figures in, an SVG string out. Shared sizes, units and text fitting are in `parts`;
upright grouped bars and the balance line in `bars`; one row per budget line in `rows`; goal
fulfilment in `progress`.
"""

from budgets.charts.bars import SERIES, LineSeries, balance_svg, bars_svg
from budgets.charts.parts import BarGroup, Series
from budgets.charts.progress import Progress, progress_svg
from budgets.charts.rows import Section, line_bars_svg

__all__ = [
    "SERIES",
    "BarGroup",
    "LineSeries",
    "Progress",
    "Section",
    "Series",
    "balance_svg",
    "bars_svg",
    "line_bars_svg",
    "progress_svg",
]
