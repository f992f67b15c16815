"""The lock file that `make setup` installs from agrees with pyproject.toml's ranges."""

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PINNED = re.compile(r"^([A-Za-z0-9_.\-\[\]]+)==([^\s;\\]+)", re.MULTILINE)


def locked_versions() -> dict[str, str]:
    text = (ROOT / "requirements.lock").read_text()
    return {
        canonicalize_name(name.split("[")[0]): version for name, version in PINNED.findall(text)
    }


def declared_requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = project["dependencies"] + project["optional-dependencies"]["test"]
    return [Requirement(line) for line in declared]


def test_every_declared_dependency_is_locked_within_its_range():
    locked = locked_versions()
    outside = [
        f"{requirement}: {locked.get(canonicalize_name(requirement.name), 'saknas i låsfilen')}"
        for requirement in declared_requirements()
        if canonicalize_name(requirement.name) not in locked
        or not requirement.specifier.contains(
            locked[canonicalize_name(requirement.name)], prereleases=True
        )
    ]
    assert not outside, "kör `make lock`: " + "; ".join(outside)


def test_every_locked_release_carries_a_hash():
    blocks = re.split(r"\n(?=[A-Za-z0-9])", (ROOT / "requirements.lock").read_text())
    unhashed = [block.split()[0] for block in blocks if "==" in block and "--hash=" not in block]
    assert not unhashed
