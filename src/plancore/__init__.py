"""plancore: read implementation plans in any supported template format into one
canonical model, and write them out in any other.

>>> import plancore
>>> plancore.formats()
('smartspec', 'maestro', 'specpulse', 'aadt', 'speckit', 'speckit-github')
"""

from ._appendix import LostSection
from ._convert import Conversion, convert, detect, emit, formats, parse
from ._errors import EmitError, LossError, ParseError, PlanError, PlanTypeError, UnknownFormatError
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
    "Task",
    "Testing",
    "TimelineEntry",
    "UnknownFormatError",
    "convert",
    "detect",
    "emit",
    "formats",
    "parse",
]
