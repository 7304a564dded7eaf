"""Write the rule catalogue page ``docs/rules.md`` from ``dropout_model.rules.rule_catalogue()``.

As a Sphinx extension (``extensions = [..., "rule_catalogue"]`` with ``docs/_ext`` on
``sys.path``) it rewrites the page when a build starts, if it differs. As a script,
``python docs/_ext/rule_catalogue.py`` writes the page and ``--check`` only reports (exit
status 1) when the committed page is stale. ``tests/test_rules_catalogue.py`` fails on a
stale page too, so code and docs cannot drift.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

PAGE = Path(__file__).resolve().parents[1] / "rules.md"


def write(page: Path = PAGE, *, check: bool = False) -> bool:
    """Bring ``page`` up to date; True when it was (``check``: would be) changed."""
    from dropout_model.rules import render_markdown  # noqa: PLC0415  (only when run)

    text = render_markdown()
    if page.exists() and page.read_text(encoding="utf-8") == text:
        return False
    if not check:
        page.write_text(text, encoding="utf-8")
    return True


def _builder_inited(app: Any) -> None:
    write(Path(app.srcdir) / PAGE.name)


def setup(app: Any) -> dict[str, Any]:
    """Sphinx entry point."""
    app.connect("builder-inited", _builder_inited)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}


if __name__ == "__main__":
    checking = "--check" in sys.argv[1:]
    changed = write(check=checking)
    if checking and changed:
        sys.stderr.write(f"{PAGE} is stale: run python {Path(__file__).name}\n")
    sys.exit(1 if checking and changed else 0)
