"""The public surface is exactly the documented contract plus the model classes."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import attrs

import plancore
from plancore import _model

CONTRACT = {
    "formats",
    "detect",
    "parse",
    "emit",
    "convert",
    "Conversion",
    "Loss",
    "Plan",
    "PlanError",
    "UnknownFormatError",
    "LossError",
    "ParseError",
    "EmitError",
    "PlanTypeError",
    "FieldReport",
    "LostSection",
}


def test_all_is_sorted() -> None:
    assert plancore.__all__ == sorted(plancore.__all__)


def test_public_names_are_the_contract_and_the_model() -> None:
    model = {name for name, obj in vars(_model).items() if inspect.isclass(obj) and attrs.has(obj)}
    assert set(plancore.__all__) == CONTRACT | model
    public = {name for name in dir(plancore) if not name.startswith("_")}
    assert public == set(plancore.__all__)


def test_every_error_is_a_plan_error() -> None:
    assert issubclass(plancore.UnknownFormatError, plancore.PlanError)
    assert issubclass(plancore.LossError, plancore.PlanError)
    assert issubclass(plancore.ParseError, plancore.PlanError)
    assert issubclass(plancore.EmitError, plancore.PlanError)
    assert issubclass(plancore.PlanTypeError, plancore.PlanError)


def test_the_six_formats_are_registered() -> None:
    assert plancore.formats() == ("smartspec", "maestro", "specpulse", "aadt", "speckit", "speckit-github")


def test_plan_is_frozen() -> None:
    plan = plancore.Plan()
    try:
        plan.summary = "x"  # type: ignore[misc]
    except attrs.exceptions.FrozenInstanceError:
        pass
    else:  # pragma: no cover
        raise AssertionError("Plan is mutable")


def _imports(path: Path, package: str) -> set[str]:
    """The plancore modules ``path`` imports, ``if TYPE_CHECKING:`` blocks included."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package.split(".")[: len(package.split(".")) - node.level + 1]
            module = ".".join([*base, node.module] if node.module else base)
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def test_no_import_circles() -> None:
    root = Path(plancore.__file__).parent
    modules: dict[str, set[str]] = {}
    for path in root.rglob("*.py"):
        parts = ["plancore", *path.relative_to(root).with_suffix("").parts]
        is_package = parts[-1] == "__init__"
        name = ".".join(parts[:-1] if is_package else parts)
        package = name if is_package else ".".join(parts[:-1])
        modules[name] = _imports(path, package)
    graph = {name: {dep for dep in deps if dep in modules and dep != name} for name, deps in modules.items()}
    # A package's __init__ may import its own modules; what counts is the modules importing each other.
    graph = {name: {dep for dep in deps if not name.startswith(dep + ".")} for name, deps in graph.items()}
    done: set[str] = set()

    def visit(name: str, trail: tuple[str, ...]) -> None:
        assert name not in trail, "import circle: " + " -> ".join((*trail[trail.index(name) :], name))
        if name in done:
            return
        for dep in sorted(graph[name]):
            visit(dep, (*trail, name))
        done.add(name)

    for name in sorted(graph):
        visit(name, ())
