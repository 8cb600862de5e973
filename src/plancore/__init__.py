"""plancore: read implementation plans in any supported template format into one
canonical model, and write them out in any other.

>>> import plancore
>>> plancore.formats()
('smartspec', 'maestro', 'specpulse', 'aadt', 'speckit', 'speckit-github', 'speckit-tasks')
"""

import importlib as _importlib
import typing as _typing

if _typing.TYPE_CHECKING:
    from ._appendix import LostSection
    from ._check import Finding, check, check_folder
    from ._convert import Conversion, convert, detect, detect_scores, emit, formats, parse
    from ._crosswalk import Placement
    from ._detect import FormatScore
    from ._errors import (
        EmitError,
        FormatNotFoundError,
        LossError,
        ParseError,
        PlanError,
        PlanTypeError,
        UnknownFormatError,
    )
    from ._feature import FeatureWrite, read_feature, write_feature
    from ._folder import FolderFormat, read_folder, write_folder
    from ._info import FormatInfo, __version__, format_info
    from ._json import from_json, json_schema, to_json
    from ._loss import Loss
    from ._migrate import MigratedPlan, Migration, migrate
    from ._model import (
        Api,
        ApiExample,
        Architecture,
        ComplexityEntry,
        Component,
        Criterion,
        DataModel,
        Decision,
        Dependency,
        Endpoint,
        Entity,
        FileChange,
        Intent,
        Labeled,
        LogEntry,
        Metadata,
        Option,
        Phase,
        Plan,
        Requirement,
        Resources,
        Risk,
        Rollout,
        Section,
        Step,
        Subtask,
        Task,
        Testing,
        TimelineEntry,
    )
    from ._report import FieldReport

__all__ = [
    "Api",
    "ApiExample",
    "Architecture",
    "ComplexityEntry",
    "Component",
    "Conversion",
    "Criterion",
    "DataModel",
    "Decision",
    "Dependency",
    "EmitError",
    "Endpoint",
    "Entity",
    "FeatureWrite",
    "FieldReport",
    "FileChange",
    "Finding",
    "FolderFormat",
    "FormatInfo",
    "FormatNotFoundError",
    "FormatScore",
    "Intent",
    "Labeled",
    "LogEntry",
    "Loss",
    "LossError",
    "LostSection",
    "Metadata",
    "MigratedPlan",
    "Migration",
    "Option",
    "ParseError",
    "Phase",
    "Placement",
    "Plan",
    "PlanError",
    "PlanTypeError",
    "Requirement",
    "Resources",
    "Risk",
    "Rollout",
    "Section",
    "Step",
    "Subtask",
    "Task",
    "Testing",
    "TimelineEntry",
    "UnknownFormatError",
    "__version__",
    "check",
    "check_folder",
    "convert",
    "detect",
    "detect_scores",
    "emit",
    "format_info",
    "formats",
    "from_json",
    "json_schema",
    "migrate",
    "parse",
    "read_feature",
    "read_folder",
    "to_json",
    "write_feature",
    "write_folder",
]

# Each public name's module. A name is imported at its first use (PEP 562), so
# a command that does not need a part (JSON, checks, the version) does not pay
# for importing it: start-up is most of a one-file conversion's time.
_SOURCES = {
    "Api": "_model",
    "ApiExample": "_model",
    "Architecture": "_model",
    "ComplexityEntry": "_model",
    "Component": "_model",
    "Criterion": "_model",
    "Conversion": "_convert",
    "DataModel": "_model",
    "Decision": "_model",
    "Dependency": "_model",
    "EmitError": "_errors",
    "Endpoint": "_model",
    "Entity": "_model",
    "FeatureWrite": "_feature",
    "FieldReport": "_report",
    "FileChange": "_model",
    "FolderFormat": "_folder",
    "Intent": "_model",
    "Finding": "_check",
    "FormatInfo": "_info",
    "FormatNotFoundError": "_errors",
    "FormatScore": "_detect",
    "Labeled": "_model",
    "LogEntry": "_model",
    "Loss": "_loss",
    "LossError": "_errors",
    "LostSection": "_appendix",
    "Metadata": "_model",
    "MigratedPlan": "_migrate",
    "Migration": "_migrate",
    "Option": "_model",
    "ParseError": "_errors",
    "Phase": "_model",
    "Placement": "_crosswalk",
    "Plan": "_model",
    "Requirement": "_model",
    "PlanError": "_errors",
    "PlanTypeError": "_errors",
    "Resources": "_model",
    "Risk": "_model",
    "Rollout": "_model",
    "Section": "_model",
    "Step": "_model",
    "Subtask": "_model",
    "Task": "_model",
    "Testing": "_model",
    "TimelineEntry": "_model",
    "UnknownFormatError": "_errors",
    "__version__": "_info",
    "check": "_check",
    "check_folder": "_check",
    "convert": "_convert",
    "detect": "_convert",
    "detect_scores": "_convert",
    "emit": "_convert",
    "format_info": "_info",
    "formats": "_convert",
    "from_json": "_json",
    "json_schema": "_json",
    "migrate": "_migrate",
    "parse": "_convert",
    "read_feature": "_feature",
    "read_folder": "_folder",
    "to_json": "_json",
    "write_feature": "_feature",
    "write_folder": "_folder",
}


def __getattr__(name: str) -> object:
    module = _SOURCES.get(name)
    if module is None:
        raise AttributeError(f"module 'plancore' has no attribute {name!r}")
    value = getattr(_importlib.import_module(f"plancore.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*__all__, *(name for name in globals() if name.startswith("_"))})
