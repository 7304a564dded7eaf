"""dropout_model: the shared, exact vocabulary of Bangkok's school-dropout programme.

>>> import dropout_model as dm
>>> dm.thaidate.format_date(dm.thaidate.parse_date("31/01/2566"), "long")
'31 มกราคม 2566'
"""

from __future__ import annotations

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

__version__ = "0.1.0.dev0"

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
    "PrintoutError",
    "ProgressReport",
    "Project",
    "ProjectCode",
    "ProviderKind",
    "RiskAssessment",
    "RiskFactor",
    "RiskLevel",
    "RiskThresholds",
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
    "derive_risk_level",
    "thaidate",
    "thaitext",
]
