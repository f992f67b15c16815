"""The views contracts of import-linter name each views module of the apps below: a views module
added later and left out of those lists would go unguarded, so this test fails until it is
named."""

import tomllib
from pathlib import Path

from django.conf import settings

LAYERS = ["finsam", "members", "initiatives", "budgets", "reports"]


def views_modules() -> dict[str, set[str]]:
    """Each app's views modules, by the app (top-level package) that holds them."""
    found: dict[str, set[str]] = {app: set() for app in LAYERS}
    for app in LAYERS:
        for path in (Path(settings.BASE_DIR) / app).rglob("*views*.py"):
            if "migrations" in path.parts:
                continue
            module = ".".join(path.relative_to(settings.BASE_DIR).with_suffix("").parts)
            found[app].add(module)
    return found


def test_every_views_module_below_an_app_is_forbidden_to_it():
    config = tomllib.loads((Path(settings.BASE_DIR) / "pyproject.toml").read_text())
    contracts = {
        contract["source_modules"][0]: set(contract["forbidden_modules"])
        for contract in config["tool"]["importlinter"]["contracts"]
        if contract["type"] == "forbidden" and contract["name"].endswith("other app's views")
    }
    views = views_modules()
    for position, app in enumerate(LAYERS[1:], start=1):
        below = set().union(*(views[lower] for lower in LAYERS[:position]))
        missing = below - contracts[app]
        assert not missing, f"{app}: name these views modules in its contract: {sorted(missing)}"
