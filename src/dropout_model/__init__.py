"""dropout_model: the shared, exact vocabulary of Bangkok's school-dropout programme.

>>> import dropout_model as dm
>>> dm.thaidate.format_date(dm.thaidate.parse_date("31/01/2566"), "long")
'31 มกราคม 2566'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from dropout_model import thaidate, thaitext
from dropout_model.caseload import Caseload
from dropout_model.errors import (
    DropoutModelError,
    InvalidTypeError,
    InvalidValueError,
    PrintoutError,
    StructureError,
    ThaiDateError,
    ValidationError,
)
from dropout_model.findings import Finding, Findings, Severity
from dropout_model.ids import CitizenId, GCode, ProjectCode, SchoolCode
from dropout_model.project import (
    Agency,
    PlanAlignment,
    PlanRef,
    PlanStatus,
    ProgressReport,
    Project,
    Target,
    TargetStatus,
)
from dropout_model.risk import (
    PovertyClass,
    RiskAssessment,
    RiskFactor,
    RiskLevel,
    RiskThresholds,
    derive_risk_level,
)
from dropout_model.scholarship import (
    Disbursement,
    Funder,
    Scholarship,
    ScholarshipKind,
    ScholarshipStatus,
)
from dropout_model.student import (
    Decider,
    Enrollment,
    EnrollmentStatus,
    EntryType,
    ExamAttempt,
    ExamResult,
    ExitReason,
    FollowUp,
    FollowUpMethod,
    GradeLevel,
    OnlineLearning,
    Pathway,
    PathwayKind,
    ProviderKind,
    School,
    Sex,
    Student,
    VocationalTraining,
)

if TYPE_CHECKING:
    from dropout_model.convert import from_json, structure, to_json, unstructure
    from dropout_model.frames import from_frame, to_frame
    from dropout_model.printout import Printout, parse_printout, read_printout
    from dropout_model.redaction import redact
    from dropout_model.rules import RuleConfig, check, rule_catalogue, validate

__version__ = "0.1.0.dev0"

# Floor-4 names (and the frames of floor 5) are imported on first use, so that
# `import dropout_model` stays light: the rules, the printout reader, the cattrs
# converter and the data-frame bridge load only when a program asks for them.
_LAZY = {
    "Printout": "dropout_model.printout",
    "RuleConfig": "dropout_model.rules",
    "check": "dropout_model.rules",
    "from_frame": "dropout_model.frames",
    "from_json": "dropout_model.convert",
    "parse_printout": "dropout_model.printout",
    "read_printout": "dropout_model.printout",
    "redact": "dropout_model.redaction",
    "rule_catalogue": "dropout_model.rules",
    "structure": "dropout_model.convert",
    "to_frame": "dropout_model.frames",
    "to_json": "dropout_model.convert",
    "unstructure": "dropout_model.convert",
    "validate": "dropout_model.rules",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        msg = f"module 'dropout_model' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "Agency",
    "Caseload",
    "CitizenId",
    "Decider",
    "Disbursement",
    "DropoutModelError",
    "Enrollment",
    "EnrollmentStatus",
    "EntryType",
    "ExamAttempt",
    "ExamResult",
    "ExitReason",
    "Finding",
    "Findings",
    "FollowUp",
    "FollowUpMethod",
    "Funder",
    "GCode",
    "GradeLevel",
    "InvalidTypeError",
    "InvalidValueError",
    "OnlineLearning",
    "Pathway",
    "PathwayKind",
    "PlanAlignment",
    "PlanRef",
    "PlanStatus",
    "PovertyClass",
    "Printout",
    "PrintoutError",
    "ProgressReport",
    "Project",
    "ProjectCode",
    "ProviderKind",
    "RiskAssessment",
    "RiskFactor",
    "RiskLevel",
    "RiskThresholds",
    "RuleConfig",
    "Scholarship",
    "ScholarshipKind",
    "ScholarshipStatus",
    "School",
    "SchoolCode",
    "Severity",
    "Sex",
    "StructureError",
    "Student",
    "Target",
    "TargetStatus",
    "ThaiDateError",
    "ValidationError",
    "VocationalTraining",
    "__version__",
    "check",
    "derive_risk_level",
    "from_frame",
    "from_json",
    "parse_printout",
    "read_printout",
    "redact",
    "rule_catalogue",
    "structure",
    "thaidate",
    "thaitext",
    "to_frame",
    "to_json",
    "unstructure",
    "validate",
]
