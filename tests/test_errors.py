"""The exception hierarchy is part of the contract: pin it."""

from __future__ import annotations

import pytest

import dropout_model as dm
from dropout_model import errors


@pytest.mark.parametrize(
    ("exc", "builtin"),
    [
        (dm.ThaiDateError, ValueError),
        (dm.InvalidValueError, ValueError),
        (dm.InvalidTypeError, TypeError),
        (dm.PrintoutError, ValueError),
        (dm.StructureError, ValueError),
        (dm.ValidationError, ValueError),
    ],
)
def test_each_leaf_is_a_root_error_and_a_builtin(exc: type[Exception], builtin: type) -> None:
    assert issubclass(exc, dm.DropoutModelError)
    assert issubclass(exc, builtin)


def test_every_public_exception_is_pinned() -> None:
    public = {
        name
        for name in errors.__all__
        if isinstance(getattr(errors, name), type)
        and issubclass(getattr(errors, name), BaseException)
    }
    assert public == {
        "DropoutModelError",
        "InvalidTypeError",
        "InvalidValueError",
        "PrintoutError",
        "StructureError",
        "ThaiDateError",
        "ValidationError",
    }
    assert dm.DropoutModelError.__bases__ == (Exception,)


def test_structure_error_lists_every_problem() -> None:
    e = dm.StructureError(["reports[3].progress: 120 is outside 0–100", "name: missing"], "Project")
    assert e.errors == ("reports[3].progress: 120 is outside 0–100", "name: missing")
    assert "2 problems" in str(e)
    assert "reports[3].progress" in str(e)
