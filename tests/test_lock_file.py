"""The lock files agree with pyproject.toml's ranges: `make setup` installs requirements.lock
(the application and its test tools); the container image installs
requirements-production.lock, the same releases without the test tools."""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PINNED = re.compile(r"^([A-Za-z0-9_.\-\[\]]+)==([^\s;\\]+)", re.MULTILINE)
FULL, PRODUCTION = "requirements.lock", "requirements-production.lock"


def locked_versions(lock: str) -> dict[str, str]:
    text = (ROOT / lock).read_text()
    return {
        canonicalize_name(name.split("[")[0]): version for name, version in PINNED.findall(text)
    }


def declared_requirements(*extras: str) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = project["dependencies"] + [
        line for extra in extras for line in project["optional-dependencies"][extra]
    ]
    return [Requirement(line) for line in declared]


@pytest.mark.parametrize(("lock", "extras"), [(FULL, ("test",)), (PRODUCTION, ())])
def test_every_declared_dependency_is_locked_within_its_range(lock, extras):
    locked = locked_versions(lock)
    outside = [
        f"{requirement}: {locked.get(canonicalize_name(requirement.name), 'saknas i låsfilen')}"
        for requirement in declared_requirements(*extras)
        if canonicalize_name(requirement.name) not in locked
        or not requirement.specifier.contains(
            locked[canonicalize_name(requirement.name)], prereleases=True
        )
    ]
    assert not outside, f"kör `make lock` ({lock}): " + "; ".join(outside)


@pytest.mark.parametrize("lock", [FULL, PRODUCTION])
def test_every_locked_release_carries_a_hash(lock):
    blocks = re.split(r"\n(?=[A-Za-z0-9])", (ROOT / lock).read_text())
    unhashed = [block.split()[0] for block in blocks if "==" in block and "--hash=" not in block]
    assert not unhashed


def test_production_runs_the_releases_the_tests_ran_without_the_test_tools():
    full, production = locked_versions(FULL), locked_versions(PRODUCTION)
    differing = {name: (full.get(name), v) for name, v in production.items() if full.get(name) != v}
    assert not differing, "kör `make lock`: " + str(differing)
    # `packaging`, also a test extra, is one the application's own libraries need.
    assert not {"pytest", "playwright", "hypothesis", "mypy", "ruff"} & set(production)
