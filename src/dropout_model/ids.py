"""Identifiers: citizen IDs, G-codes, project and school codes (floor 1).

The types refuse what can never be an identifier (a citizen ID that is not 13
digits). A citizen ID whose check digit fails is still *representable* (real
registers hold such typos); the consistency rule S001 reports it.

Citizen IDs and G-codes are personal data: their ``str`` and ``repr`` are
masked, and the raw value is reachable only through the explicit
``.reveal()`` method.

>>> cid = CitizenId("1101700230708")
>>> cid
CitizenId(<masked>)
>>> cid.is_valid, cid.person_type
(True, 1)
>>> cid.reveal()
'1101700230708'
>>> ProjectCode.parse("50490000-3632")
ProjectCode('50490000-3632')
"""

from __future__ import annotations

import re
from typing import Self

import attrs

from dropout_model.errors import InvalidTypeError, InvalidValueError

__all__ = ["CitizenId", "GCode", "ProjectCode", "SchoolCode", "citizen_id_check_digit"]

# Thai digits ๐–๙ as ASCII digits (floor 1 keeps its own table: it imports no thaitext);
# for IDs, also the separators people type between groups.
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_TO_ASCII = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789", " -\u00a0\t")
_DIGITS13 = re.compile(r"[0-9]{13}\Z")
_GCODE = re.compile(r"G[0-9]{12}\Z")
_AGENCY = re.compile(r"[0-9]{8}\Z")
_SERIAL = re.compile(r"[0-9]{4}\Z")
_PROJECT = re.compile(r"([0-9]{8})-([0-9]{4})\Z")
_SCHOOL = re.compile(r"[0-9]{10}\Z")


def _need_str(kind: str, value: object) -> str:
    if not isinstance(value, str):
        msg = f"{kind} must be a str, not {type(value).__name__}"
        raise InvalidTypeError(msg)
    return value


def citizen_id_check_digit(first12: str) -> int:
    """The check digit of a Thai citizen ID from its first 12 digits.

    d13 = (11 − Σ dᵢ·(14−i) mod 11) mod 10 (Ministry of Interior).

    >>> citizen_id_check_digit("110170023070")
    8
    """
    total = sum(int(d) * (13 - i) for i, d in enumerate(first12))
    return (11 - total % 11) % 10


def _check_citizen(_: object, __: attrs.Attribute[str], value: str) -> None:
    if not _DIGITS13.match(text := _need_str("CitizenId", value)):
        msg = (
            f"CitizenId needs exactly 13 ASCII digits, got a str of {len(text)} characters; "
            "use CitizenId.parse() for text with dashes, spaces or Thai digits"
        )
        raise InvalidValueError(msg)


@attrs.frozen(repr=False)
class CitizenId:
    """A 13-digit Thai citizen ID (เลขประจำตัวประชาชน). Masked in ``str`` and ``repr``."""

    _digits: str = attrs.field(validator=_check_citizen, alias="digits")

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read an ID written with dashes, spaces or Thai digits (``1-1017-00230-70-8``)."""
        return cls(_need_str("CitizenId", text).translate(_TO_ASCII))

    def reveal(self) -> str:
        """The raw 13 digits. Personal data: handle with care."""
        return self._digits

    @property
    def is_valid(self) -> bool:
        """Whether the check digit (the 13th) agrees with the first 12."""
        return citizen_id_check_digit(self._digits[:12]) == int(self._digits[12])

    @property
    def person_type(self) -> int:
        """The first digit, 0–8: the registration type of the person (9 is unassigned)."""
        return int(self._digits[0])

    def __repr__(self) -> str:
        return "CitizenId(<masked>)"

    def __str__(self) -> str:
        return "x-xxxx-xxxxx-xx-x"


def _check_gcode(_: object, __: attrs.Attribute[str], value: str) -> None:
    if not _GCODE.match(text := _need_str("GCode", value)):
        msg = (
            f"GCode needs 'G' and 12 digits (G + BE year 2 + province 2 + serial 8), "
            f"got a str of {len(text)} characters"
        )
        raise InvalidValueError(msg)


@attrs.frozen(repr=False)
class GCode:
    """A G-code (รหัส G) for learners without civil registration. Masked in ``str``/``repr``.

    ``G`` + 2-digit BE year + 2-digit province + 8-digit serial; no checksum.

    >>> g = GCode("G664200000001")
    >>> g, g.be_year_2, g.province
    (GCode(<masked>), 66, '42')
    """

    _code: str = attrs.field(validator=_check_gcode, alias="code")

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read a G-code written with spaces, dashes, Thai digits or a lower-case g."""
        raw = _need_str("GCode", text).strip()
        if raw[:1] in ("g", "G"):
            raw = "G" + raw[1:].translate(_TO_ASCII)
        return cls(raw)

    def reveal(self) -> str:
        """The raw code. Personal data: handle with care."""
        return self._code

    @property
    def be_year_2(self) -> int:
        """The two-digit BE year of issue (``66`` for 2566)."""
        return int(self._code[1:3])

    @property
    def province(self) -> str:
        """The two-digit province code (``10`` is Bangkok)."""
        return self._code[3:5]

    def __repr__(self) -> str:
        return "GCode(<masked>)"

    def __str__(self) -> str:
        return "Gxxxxxxxxxxxx"


def _check_re(pattern: re.Pattern[str], what: str) -> attrs._ValidatorType[str]:
    def check(_: object, attribute: attrs.Attribute[str], value: str) -> None:
        if not pattern.match(_need_str(attribute.name, value)):
            msg = f"{attribute.name} must be {what}, got {value!r}"
            raise InvalidValueError(msg)

    return check


@attrs.frozen(order=True, repr=False)
class ProjectCode:
    """A BMA project code: 8-digit agency code, "-", 4-digit serial (``50490000-3632``)."""

    agency: str = attrs.field(validator=_check_re(_AGENCY, "8 digits"))
    serial: str = attrs.field(validator=_check_re(_SERIAL, "4 digits"))

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read ``50490000-3632`` (Thai digits and surrounding spaces allowed)."""
        raw = _need_str("ProjectCode", text).strip().translate(_THAI_DIGITS)
        m = _PROJECT.match(raw)
        if m is None:
            msg = f"project code must be 8 digits, '-', 4 digits (50490000-3632), got {text!r}"
            raise InvalidValueError(msg)
        return cls(m[1], m[2])

    @classmethod
    def is_well_formed(cls, text: str) -> bool:
        """Whether ``text`` is exactly ``dddddddd-dddd``."""
        return bool(_PROJECT.match(text))

    def __str__(self) -> str:
        return f"{self.agency}-{self.serial}"

    def __repr__(self) -> str:
        return f"ProjectCode('{self}')"


@attrs.frozen(order=True, repr=False)
class SchoolCode:
    """A 10-digit school code; BMA schools' codes start with ``31``.

    >>> SchoolCode("3100100101").is_bma
    True
    """

    code: str = attrs.field(validator=_check_re(_SCHOOL, "10 digits"))

    @property
    def is_bma(self) -> bool:
        """Whether the school belongs to the BMA education office (code starts ``31``)."""
        return self.code.startswith("31")

    def __str__(self) -> str:
        return self.code

    def __repr__(self) -> str:
        return f"SchoolCode('{self.code}')"
