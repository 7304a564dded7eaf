"""``python -m dropout_model``: the same as the ``dropout-model`` command."""

from __future__ import annotations

from dropout_model.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
