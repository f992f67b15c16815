"""axe-core in the browser tests: the accessibility rules a page must pass.

axe-playwright-python bundles axe-core's script; it is added to a browser context once
(`with_axe`), so every page the context opens carries it, instead of sending the half-megabyte
script again for each page. `serious_violations` then runs axe on the page as it stands.
"""

from axe_playwright_python.base import AXE_FILE_PATH

FAILING = ("critical", "serious")
# Only rules that can find a critical or serious problem run: axe rates each rule by the worst
# it can report, and the milder ones (landmarks, heading order) cost about a fifth of axe's
# time without being able to fail this test.
RUN = """() => axe.run(document, {
  resultTypes: ["violations"],
  runOnly: {type: "rule", values: axe._audit.rules
    .filter(rule => rule.enabled !== false && ["critical", "serious"].includes(rule.impact))
    .map(rule => rule.id)},
}).then(found => found.violations.flatMap(rule => rule.nodes.map(node => (
  {rule: rule.id, impact: node.impact, target: node.target.join(" ")}))))"""


def with_axe(context) -> None:
    """Every page the browser context opens from now on carries axe-core."""
    context.add_init_script(path=AXE_FILE_PATH)


def serious_violations(page, where: str) -> list[str]:
    """Each critical or serious violation on the page: "<where>: <rule> (<impact>) <target>"."""
    return [
        f"{where}: {found['rule']} ({found['impact']}) {found['target']}"
        for found in page.evaluate(RUN)
        if found["impact"] in FAILING
    ]
