"""plancore: read implementation plans in any supported template format into one
canonical model, and write them out in any other.

>>> import plancore
>>> plancore.formats()
('smartspec', 'maestro', 'specpulse', 'aadt', 'speckit', 'speckit-github')
"""

from ._appendix import LostSection
from ._check import Finding, check
from ._convert import Conversion, convert, detect, emit, formats, parse
from ._errors import (
    EmitError,
    FormatNotFoundError,
    LossError,
    ParseError,
    PlanError,
    PlanTypeError,
    UnknownFormatError,
)
from ._info import FormatInfo, __version__, format_info
from ._json import from_json, json_schema, to_json
from ._loss import Loss
from ._model import (
    Api,
    ApiExample,
    Architecture,
    ComplexityEntry,
    Component,
    DataModel,
    Decision,
    Dependency,
    Endpoint,
    Entity,
    FileChange,
    Labeled,
    LogEntry,
    Metadata,
    Option,
    Phase,
    Plan,
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
    "DataModel",
    "Decision",
    "Dependency",
    "EmitError",
    "Endpoint",
    "Entity",
    "FieldReport",
    "FileChange",
    "Finding",
    "FormatInfo",
    "FormatNotFoundError",
    "Labeled",
    "LogEntry",
    "Loss",
    "LossError",
    "LostSection",
    "Metadata",
    "Option",
    "ParseError",
    "Phase",
    "Plan",
    "PlanError",
    "PlanTypeError",
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
    "convert",
    "detect",
    "emit",
    "format_info",
    "formats",
    "from_json",
    "json_schema",
    "parse",
    "to_json",
]
