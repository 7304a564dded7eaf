"""Sphinx configuration: furo theme, MyST markdown; built with -W (warnings are errors)."""

from __future__ import annotations

import sys
from pathlib import Path

import dropout_model

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "dropout_model"
author = "dropout_model developers"
copyright = "2026, dropout_model developers"
release = dropout_model.__version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "rule_catalogue",  # writes rules.md from dropout_model.rules.rule_catalogue()
    "figures",  # draws the charts of the tutorial and the plots page into _generated/
]
source_suffix = {".md": "markdown"}
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
exclude_patterns = ["_build"]
html_theme = "furo"
html_title = "dropout_model"
language = "en"
autodoc_typehints = "description"
autodoc_member_order = "bysource"
nitpicky = False
suppress_warnings = ["myst.xref_missing"]
