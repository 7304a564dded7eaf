"""The exception hierarchy (floor 1: imports nothing of the package).

Every exception the library raises on purpose derives from
:class:`DropoutModelError`, and each leaf also derives from the built-in
exception a caller would naturally catch (``ValueError`` or ``TypeError``).
Data *problems* are never raised: they are reported as findings.
Messages say what, where, the kind of the value and how to fix it, and never
contain personal data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "DropoutModelError",
    "InvalidTypeError",
    "InvalidValueError",
    "PrintoutError",
    "StructureError",
    "ThaiDateError",
    "ValidationError",
]


class DropoutModelError(Exception):
    """Root of every exception raised by ``dropout_model``."""


class ThaiDateError(DropoutModelError, ValueError):
    """A date text could not be read, or names a day that does not exist."""


class InvalidValueError(DropoutModelError, ValueError):
    """A value that can never be valid for a field (a percent of 120, negative money)."""


class InvalidTypeError(DropoutModelError, TypeError):
    """A value of the wrong type for a field (a float where money is a Decimal)."""


class PrintoutError(DropoutModelError, ValueError):
    """Text that is not a progress-report printout at all, or cannot be decoded."""


class StructureError(DropoutModelError, ValueError):
    """Input that cannot be turned into model objects.

    ``errors`` lists every problem as ``path: message``; the message never
    shows personal data.
    """

    def __init__(self, errors: Sequence[str], type_name: str = "") -> None:
        self.errors: tuple[str, ...] = tuple(errors)
        self.type_name = type_name
        head = f"cannot structure {type_name}" if type_name else "cannot structure"
        count = len(self.errors)
        lines = "\n".join(f"  {e}" for e in self.errors)
        super().__init__(f"{head}: {count} problem{'s' if count != 1 else ''}\n{lines}")


class ValidationError(DropoutModelError, ValueError):
    """Raised by :func:`dropout_model.check` when validation finds errors.

    ``findings`` holds every finding (not only the errors).
    """

    def __init__(self, findings: object, summary: str) -> None:
        self.findings = findings
        super().__init__(summary)
