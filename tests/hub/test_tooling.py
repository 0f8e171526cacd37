"""Tooling that keeps the hub's shape: separate locks, a lean image, make test, pre-commit."""

import re
import subprocess
import tomllib
from pathlib import Path

import yaml

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


def test_make_test_checks_the_import_contracts_right_after_ruff():
    recipe = make_recipe("test")
    ruff_format = recipe.index("$(VENV)/bin/ruff format --check .")
    assert recipe[ruff_format + 1] == "$(VENV)/bin/lint-imports"
    assert recipe[-1].startswith("$(PY) -m pytest")
    ci = [
        line
        for line in (ROOT / ".ci" / "run").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert ci[-1] == "make test"


def test_the_import_contracts_cover_the_four_rules():
    contracts = PYPROJECT["tool"]["importlinter"]["contracts"]
    assert [contract["type"] for contract in contracts] == [
        "layers",
        "independence",
        "forbidden",
        "forbidden",
    ]
    layers = contracts[0]["layers"]
    assert layers[0] == "hub.urls"  # the wiring: it may import everything, nothing imports it
    assert layers[-1] == "hub.settings : hub.celery"  # configuration imports no app
    assert contracts[3]["name"] == "Models never import views"


def test_pre_commit_runs_ruff_djhtml_and_makemigrations_with_the_pinned_tools():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert {"ruff-check", "ruff-format", "djhtml", "makemigrations"} <= set(hooks)
    assert "makemigrations --check" in hooks["makemigrations"]["entry"]
    dev = pins("requirements-dev.lock")
    for hook in hooks.values():
        assert hook["entry"].startswith(".venv/bin/"), f"{hook['id']} does not use .venv's tool"
    for package in ("ruff", "djhtml", "import-linter", "pre-commit"):
        assert package in dev
    assert "make hooks" in (ROOT / "README.md").read_text()


def test_make_never_empties_a_node_modules_shared_by_worktrees(tmp_path):
    shared = tmp_path / "shared_node_modules"
    (shared / "axe-core").mkdir(parents=True)
    (shared / "axe-core" / "axe.min.js").write_text("/* axe */")
    worktree = tmp_path / "worktree"
    worktree.mkdir()
    for name in ("Makefile", "package.json", "package-lock.json"):
        (worktree / name).write_text((ROOT / name).read_text())
    (worktree / "node_modules").symlink_to(shared)
    result = subprocess.run(
        ["make", "node_modules/.installed"],  # noqa: S607
        cwd=worktree,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "not reinstalled" in result.stdout
    assert (shared / "axe-core" / "axe.min.js").read_text() == "/* axe */"
