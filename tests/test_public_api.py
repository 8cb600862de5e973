"""The public surface is exactly the documented contract plus the model classes."""

from __future__ import annotations

import ast
import doctest
import importlib.metadata
import inspect
import typing
from pathlib import Path

import attrs
import pytest

import plancore
from plancore import _model
from plancore._registry import FORMATS

CONTRACT = {
    "formats",
    "detect",
    "detect_scores",
    "FormatScore",
    "parse",
    "emit",
    "convert",
    "Conversion",
    "Placement",
    "Loss",
    "Plan",
    "PlanError",
    "UnknownFormatError",
    "LossError",
    "ParseError",
    "EmitError",
    "PlanTypeError",
    "FieldReport",
    "to_json",
    "from_json",
    "json_schema",
    "check",
    "check_folder",
    "Finding",
    "FormatNotFoundError",
    "FormatInfo",
    "format_info",
    "LostSection",
    "migrate",
    "Migration",
    "MigratedPlan",
    "read_feature",
    "write_feature",
    "FeatureWrite",
    "read_folder",
    "write_folder",
    "FolderFormat",
}
# Internal model classes: what a plan was read from is set by ``parse``, never built by hand.
INTERNAL = {"Source"}


def test_all_is_sorted() -> None:
    assert plancore.__all__ == sorted(plancore.__all__)


def test_public_names_are_the_contract_and_the_model() -> None:
    model = {name for name, obj in vars(_model).items() if inspect.isclass(obj) and attrs.has(obj)} - INTERNAL
    assert set(plancore.__all__) == CONTRACT | model | {"__version__"}
    public = {name for name in dir(plancore) if not name.startswith("_")}
    assert public | {"__version__"} == set(plancore.__all__)


def test_every_error_is_a_plan_error() -> None:
    assert issubclass(plancore.UnknownFormatError, plancore.PlanError)
    assert issubclass(plancore.LossError, plancore.PlanError)
    assert issubclass(plancore.ParseError, plancore.PlanError)
    assert issubclass(plancore.EmitError, plancore.PlanError)
    assert issubclass(plancore.PlanTypeError, plancore.PlanError)
    assert issubclass(plancore.FormatNotFoundError, plancore.PlanError)
    with pytest.raises(plancore.FormatNotFoundError, match="unknown format 'nope'"):
        plancore.emit(plancore.Plan(), "nope")


def test_the_seven_formats_are_registered() -> None:
    assert plancore.formats() == (
        "smartspec",
        "maestro",
        "specpulse",
        "aadt",
        "speckit",
        "speckit-github",
        "speckit-tasks",
    )


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


def test_version_is_the_installed_distribution_s() -> None:
    assert plancore.__version__ == importlib.metadata.version("plancore")


def test_format_info_describes_each_format() -> None:
    for name in plancore.formats():
        info = plancore.format_info(name)
        assert info.name == name
        assert info.tool and info.description and info.origin and info.layout
        assert info.holds == tuple(sorted(FORMATS[name].holds))
    github = plancore.format_info("speckit-github")
    assert github.tool == "GitHub Spec Kit" and "specs/NNN-feature/plan.md" in github.layout
    assert "constitution_check" in github.holds and "metadata.branch" in github.holds
    # Checked by hand against the templates: only maestro has a place for open questions.
    assert [name for name in plancore.formats() if "open_questions" in plancore.format_info(name).holds] == ["maestro"]
    with pytest.raises(plancore.FormatNotFoundError):
        plancore.format_info("pandoc")
    with pytest.raises(plancore.PlanTypeError):
        plancore.format_info(None)  # type: ignore[arg-type]


def test_format_info_describes_the_folder_formats() -> None:
    # What `plancore formats` lists, format_info describes: the folder formats too.
    kiro = plancore.format_info("kiro")
    assert kiro.name == "kiro" and kiro.files == ("requirements.md", "design.md", "tasks.md")
    assert kiro.tool.startswith("Kiro") and ".kiro/specs/<feature>/" in kiro.layout
    assert "Kiro spec requirements.md" in kiro.origin and "Kiro spec design.md" in kiro.origin
    # Checked by hand against the files' layouts: requirements.md holds user stories and EARS criteria,
    # design.md a Testing Strategy, tasks.md optional (`- [ ]*`) tasks; no file has a place for risks.
    assert {"requirements.user_story", "requirements.criteria.text", "testing.strategy"} <= set(kiro.holds)
    assert "phases.tasks.optional" in kiro.holds and "risks.risk" not in kiro.holds
    openspec = plancore.format_info("openspec")
    assert openspec.files == ("proposal.md", "design.md", "tasks.md", "specs/")
    assert openspec.tool.startswith("OpenSpec") and "Fission-AI/OpenSpec" in openspec.origin
    assert "openspec/changes/<id>/proposal.md" in openspec.layout
    # proposal.md: Why, What Changes; design.md: Decisions, Risks / Trade-offs, Open Questions; no user stories.
    held = set(openspec.holds)
    assert {"intent.why", "intent.what_changes", "decisions.title", "risks.risk", "open_questions"} <= held
    assert "requirements.user_story" not in openspec.holds
    for info in (kiro, openspec):
        assert info.description and info.holds == tuple(sorted(info.holds))
    # speckit-github is a file (plan.md) and a folder: the file's description, the folder's files.
    github = plancore.format_info("speckit-github")
    assert github.holds == tuple(sorted(FORMATS["speckit-github"].holds))
    assert github.files[:2] == ("plan.md", "tasks.md") and "contracts/" in github.files
    assert plancore.format_info("smartspec").files == ()
    with pytest.raises(plancore.FormatNotFoundError, match="kiro"):
        plancore.format_info("kiro-design")


def test_field_report_outcome_is_a_literal() -> None:
    hint = typing.get_type_hints(plancore.FieldReport)["outcome"]
    assert typing.get_origin(hint) is typing.Literal
    assert typing.get_args(hint) == ("mapped", "verbatim", "appendix", "replaced", "unfilled")


def test_plan_source_is_typed_in_the_constructor() -> None:
    hint = typing.get_type_hints(plancore.Plan)["source"]
    assert hint == _model.Source | None
    parameter = inspect.signature(plancore.Plan).parameters["source"]
    assert parameter.default is None and "Any" not in str(parameter.annotation)


PUBLIC_FUNCTIONS = [
    plancore.formats,
    plancore.detect,
    plancore.parse,
    plancore.emit,
    plancore.convert,
    plancore.format_info,
    plancore.Conversion.report,
    plancore.migrate,
    plancore.read_feature,
    plancore.write_feature,
    plancore.read_folder,
    plancore.write_folder,
]


@pytest.mark.parametrize("function", PUBLIC_FUNCTIONS, ids=lambda function: function.__qualname__)
def test_public_functions_document_args_returns_errors_and_an_example(function: typing.Callable[..., object]) -> None:
    doc = inspect.getdoc(function) or ""
    parameters = [name for name in inspect.signature(function).parameters if name != "self"]
    if parameters:
        assert "Args:" in doc
        for name in parameters:
            assert f"    {name}: " in doc, name
    assert "Returns:" in doc
    assert "Raises:" in doc or not parameters
    assert ">>> " in doc
    # The example runs and shows what it says.
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in doctest.DocTestFinder().find(function, function.__qualname__, globs={}):
        runner.run(test)
    assert runner.failures == 0 and runner.tries > 0


def test_readme_names_only_public_names() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert "plancore._" not in readme


def test_skip_reasons_name_the_shared_data_relatively(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import helpers

    monkeypatch.setattr(helpers, "SHARED", tmp_path / "elsewhere" / "shared")
    with pytest.raises(pytest.skip.Exception) as skipped:
        helpers.read_seed("smartspec")
    reason = str(skipped.value)
    assert reason.startswith("../shared/seeds/000_c47e7de88c248b52.txt is absent")
    assert str(tmp_path) not in reason


def test_every_module_s_docstring_examples_run() -> None:
    # Private modules' examples are documentation too: one that no longer runs misleads the next reader.
    import pkgutil

    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for info in pkgutil.walk_packages(plancore.__path__, "plancore."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for test in doctest.DocTestFinder().find(module, info.name):
            runner.run(test)
    assert runner.failures == 0 and runner.tries > 0


def _public_objects() -> list[tuple[str, object]]:
    found = []
    for name in plancore.__all__:
        value = getattr(plancore, name)
        found.append((f"plancore.{name}", value))
        if inspect.isclass(value):
            found += [
                (f"plancore.{name}.{member}", attribute)
                for member, attribute in vars(value).items()
                if not member.startswith("_") and (inspect.isfunction(attribute) or isinstance(attribute, property))
            ]
    return found


@pytest.mark.parametrize(("name", "value"), _public_objects(), ids=lambda item: item if isinstance(item, str) else "")
def test_every_public_docstring_example_runs_as_written(name: str, value: object) -> None:
    # A new-user trial pasted check's and from_json's examples after `import plancore` and got NameError:
    # each example runs in an empty namespace, importing what it uses itself.
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    target = value.fget if isinstance(value, property) else value
    for test in doctest.DocTestFinder(recurse=False).find(target, name, globs={}):
        runner.run(test)
    assert runner.failures == 0
