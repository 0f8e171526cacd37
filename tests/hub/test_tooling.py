"""Tooling that keeps the hub's shape: separate locks, a lean image, make test, pre-commit."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())


def normalise(name):
    """A package's name as pip compares them (case, dots, dashes and underscores alike)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(requirement):
    return normalise(re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0])


def pins(lock_name):
    """The ``name: version`` pins a lock file holds."""
    text = (ROOT / lock_name).read_text()
    return {
        normalise(match[1]): match[2]
        for match in re.finditer(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)", text, re.M)
    }


def make_recipe(target):
    """The command lines of one Makefile target."""
    lines = (ROOT / "Makefile").read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{target}:"))
    recipe = []
    for line in lines[start + 1 :]:
        if not line.startswith("\t"):
            break
        recipe.append(line.strip())
    return recipe


def test_the_production_lock_holds_no_test_or_lint_tool():
    production = pins("requirements.lock")
    dev_tools = {requirement_name(r) for r in PYPROJECT["project"]["optional-dependencies"]["dev"]}
    assert {"pytest", "playwright", "ruff", "import-linter", "djhtml", "pre-commit"} <= dev_tools
    assert not dev_tools & set(production), "dev tools pinned in the production lock"
    for requirement in PYPROJECT["project"]["dependencies"]:
        assert requirement_name(requirement) in production, requirement


def test_the_dev_lock_adds_the_tools_to_the_same_production_pins():
    production, dev = pins("requirements.lock"), pins("requirements-dev.lock")
    different = {name for name, version in production.items() if dev.get(name) != version}
    assert not different, f"the two locks pin these differently: {sorted(different)}"
    for requirement in PYPROJECT["project"]["optional-dependencies"]["dev"]:
        assert requirement_name(requirement) in dev, requirement


def test_make_lock_writes_both_locks_with_the_commands_their_headers_name():
    recipe = " ".join(make_recipe("lock"))
    for lock_name in ("requirements.lock", "requirements-dev.lock"):
        header = (ROOT / lock_name).read_text().splitlines()[1]
        command = header.lstrip("# ").strip()
        assert command.startswith("uv pip compile pyproject.toml")
        assert command in recipe, f"make lock does not write {lock_name} as its header says"
    assert "--extra dev -o requirements.lock" not in recipe


def test_a_developer_installs_the_dev_lock():
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^\$\(VENV\)/\.installed: requirements-dev\.lock", makefile, re.M)
    install = next(line for line in makefile.splitlines() if "uv pip install" in line)
    assert install.endswith("-r requirements-dev.lock")


def test_the_image_installs_only_the_production_lock():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "COPY requirements.lock ." in dockerfile
    assert "-r requirements.lock" in dockerfile
    commands = [line for line in dockerfile.splitlines() if not line.startswith("#")]
    assert not [line for line in commands if "requirements-dev" in line]
    left_out = (ROOT / ".dockerignore").read_text().split()
    assert {"tests", "requirements-dev.lock", ".venv", "node_modules", ".git"} <= set(left_out)


def test_the_demo_seeder_needs_only_production_packages():
    production = pins("requirements.lock")
    # seed_demo builds people and resources with factory_boy's factories.
    assert "factory-boy" in production
    assert "wagtail-factories" not in production | pins("requirements-dev.lock")
    sources = [
        path
        for folder in ("hub", "briefings", "events", "learning_sets", "tests")
        for path in (ROOT / folder).rglob("*.py")
    ]
    users = [p for p in sources if p != Path(__file__) and "wagtail_factories" in p.read_text()]
    assert not users
