"""Consistency rules (floor 4): ``validate()``, ``check()``, :class:`RuleConfig`, the catalogue.

Rules *report* what is possible but wrong, with stable codes (P project, R
progress report, S student, A risk assessment, F financial support, C
caseload), a severity, a path, English and Thai messages, and the observed and
expected values. See :func:`rule_catalogue` and the docs page "Rule catalogue".

>>> from datetime import date
>>> from dropout_model.project import Project
>>> p = Project("50490000-3632", "x", start=date(2022, 10, 1), end=date(2022, 9, 30))
>>> sorted(validate(p, select="P00").codes)
['P002', 'P003', 'P006']
"""

from __future__ import annotations

from dropout_model.rules._core import Rule, Target
from dropout_model.rules._validate import check, validate
from dropout_model.rules.catalogue import CatalogueEntry, render_markdown, rule_catalogue
from dropout_model.rules.config import DEFAULT_RATES, AgeRules, RateEntry, RuleConfig

__all__ = [
    "DEFAULT_RATES",
    "AgeRules",
    "CatalogueEntry",
    "RateEntry",
    "Rule",
    "RuleConfig",
    "Target",
    "check",
    "render_markdown",
    "rule_catalogue",
    "validate",
]
