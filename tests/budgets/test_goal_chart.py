"""The goal-fulfilment chart: each goal's bar measured against its target."""

from decimal import Decimal as D
from xml.etree import ElementTree

from budgets.charts import Progress, progress_svg

SVG = "{http://www.w3.org/2000/svg}"


def test_goal_fulfilment_bars_are_measured_against_their_target():
    svg = progress_svg(
        "Måluppfyllelse",
        [
            Progress("Arbete eller studier <30 %>", D(29), D(30), "29 % (mål: minst 30 %)", False),
            Progress("Samverkansdagar", D(2), D(2), "2 (mål: minst 2)", True),
            Progress("Långt över målet", D(10), D(2), "10 (mål: minst 2)", True),
        ],
    )
    root = ElementTree.fromstring(svg)
    bars = list(root.iter(f"{SVG}rect"))
    # The names take 152.6 px at 12 px (+6), the longest text 129.5 (+6): 100 % of a target
    # is 2/3 of the 339.8 px left between them (226.6); 29/30 of it, and a value far beyond
    # its target is drawn at one and a half.
    assert [D(r.get("width")) for r in bars] == [D("219.0"), D("226.6"), D("339.8")]
    # The text after the longest bar ends inside the chart: 158.6 + 339.8 + 4 + 94.5 < 640.
    texts = [t for t in root.iter(f"{SVG}text") if t.text and "mål:" in t.text]
    assert max(D(t.get("x")) for t in texts) == D("502.5")
    assert all(int(t.get("font-size")) >= 12 for t in root.iter(f"{SVG}text"))
    assert [r.get("fill") for r in bars] == ["#d08c2c", "#3d7a3d", "#3d7a3d"]
    assert "&lt;30 %&gt;" in svg and ">Mål<" in svg
