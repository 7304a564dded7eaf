"""Hypothesis strategies for property-based tests of code that uses ``dropout_model``.

Needs the ``strategies`` extra (``pip install dropout-model[strategies]``);
a plain ``import dropout_model`` never imports hypothesis. Importing this
package registers a strategy for every public model type, so that
``st.from_type(Student)`` works.
"""

from __future__ import annotations

try:
    import hypothesis  # noqa: F401 - fail here, with the fix in the message
except ImportError as e:  # pragma: no cover - exercised in a subprocess test
    msg = (
        "dropout_model.strategies needs hypothesis: "
        "install the extra with  pip install 'dropout-model[strategies]'"
    )
    raise ImportError(msg) from e

from dropout_model.strategies._valid import (
    PROGRAMME_END,
    PROGRAMME_START,
    academic_years,
    agencies,
    caseloads,
    citizen_ids,
    dates_in,
    disbursements,
    enrollments,
    exam_attempts,
    fiscal_years,
    follow_ups,
    g_codes,
    online_learning,
    pathways,
    plan_alignments,
    plan_refs,
    progress_reports,
    project_codes,
    projects,
    risk_assessments,
    risk_thresholds,
    scholarships,
    school_codes,
    schools,
    students,
    targets,
    terms,
    thai_names,
    vocational_training,
)
from dropout_model.strategies._violating import FUTURE, violating, violating_codes

__all__ = [
    "FUTURE",
    "PROGRAMME_END",
    "PROGRAMME_START",
    "academic_years",
    "agencies",
    "caseloads",
    "citizen_ids",
    "dates_in",
    "disbursements",
    "enrollments",
    "exam_attempts",
    "fiscal_years",
    "follow_ups",
    "g_codes",
    "online_learning",
    "pathways",
    "plan_alignments",
    "plan_refs",
    "progress_reports",
    "project_codes",
    "projects",
    "risk_assessments",
    "risk_thresholds",
    "scholarships",
    "school_codes",
    "schools",
    "students",
    "targets",
    "terms",
    "thai_names",
    "violating",
    "violating_codes",
    "vocational_training",
]
