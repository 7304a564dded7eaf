"""Thai dates: Buddhist era, parsing and formatting, fiscal and academic years (floor 2).

Gregorian :class:`datetime.date` inside, the Buddhist era (BE, พ.ศ.) only at
the edges. BE = CE + 543, as in Java's ``ThaiBuddhistChronology`` and ICU.
``historical=True`` selects the reckoning in force until 1940, when the Thai
year began on 1 April: January–March of CE years up to 1940 belong to
BE = CE + 542, and BE 2483 ran from 1 April to 31 December 1940 only
[Calendar Year Act BE 2483, Royal Gazette vol. 57 p. 420]. The 1 April new
year dates from 1 April 1889; like the Gregorian calendar itself, it is
extended to earlier years.

>>> parse_date("31 ม.ค. 66")
datetime.date(2023, 1, 31)
>>> format_date(date(2023, 1, 31), "long", era=True)
'31 มกราคม พ.ศ. 2566'
>>> FiscalYear.of(date(2023, 1, 31)), Term.of(date(2023, 1, 31))
(FiscalYear(be_year=2566), Term(academic_year=AcademicYear(be_year=2565), number=2))

This module imports only :mod:`dropout_model.thaitext` and
:mod:`dropout_model.errors` of the package.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING, Final, Literal

from attrs import Attribute, field, frozen

from dropout_model.errors import InvalidTypeError, ThaiDateError
from dropout_model.thaitext import normalize, to_arabic_digits

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = [
    "BE_OFFSET",
    "DEFAULT_PIVOT",
    "MOE_CALENDAR",
    "MONTHS_LONG",
    "MONTHS_SHORT",
    "AcademicYear",
    "AcademicYearDates",
    "BuddhistDate",
    "Era",
    "FiscalYear",
    "MonthDay",
    "SchoolCalendar",
    "Style",
    "Term",
    "ThaiDateError",
    "format_date",
    "month_number",
    "parse_date",
    "rattanakosin_year",
]

#: BE = CE + 543 in the modern reckoning.
BE_OFFSET: Final = 543
#: The default two-digit-year window of :func:`parse_date`: BE 2500–2599
#: (CE 1957–2056), so ``66`` is BE 2566. With ``era="ce"`` it is CE 1957–2056.
DEFAULT_PIVOT: Final = 2500

#: Thai month names, January first, exactly as Java's th-TH formatter prints
#: them (``MMMM``).
MONTHS_LONG: Final = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
#: Abbreviated Thai month names, with their dots, as Java prints them (``MMM``).
MONTHS_SHORT: Final = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)
_MONTHS_EN: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# Index by month number without subtracting one.
_LONG: Final = ("", *MONTHS_LONG)
_SHORT: Final = ("", *MONTHS_SHORT)
_EN: Final = ("", *_MONTHS_EN)
_TWO_DIGITS: Final = tuple(f"{n:02d}" for n in range(100))
_WEEKDAYS_TH: Final = ("จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์", "อาทิตย์")
_WEEKDAYS_EN: Final = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

Era = Literal["auto", "be", "ce"]
Style = Literal["numeric", "short", "long"]

_ONE_DAY: Final = timedelta(days=1)
_THAI_DIGIT_TABLE: Final = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


# --- month names --------------------------------------------------------------------------


_MONTH_PUNCTUATION: Final = re.compile(r"[.,/\-\s]")


def _month_key(word: str) -> str:
    # Dots, commas and dashes dropped; the common misspelling ฏ (as in กรกฏาคม) read as ฎ.
    return _MONTH_PUNCTUATION.sub("", word).replace("ฏ", "ฎ").casefold()


def _month_table() -> dict[str, int]:
    stems: tuple[str, ...] = ("มกรา", "กุมภา", "มีนา", "เมษา", "พฤษภา", "มิถุนา")
    stems += ("กรกฎา", "สิงหา", "กันยา", "ตุลา", "พฤศจิกา", "ธันวา")
    table: dict[str, int] = {}
    for number, names in enumerate(
        zip(MONTHS_LONG, MONTHS_SHORT, stems, _MONTHS_EN, strict=True), 1
    ):
        long_th, short_th, stem, english = names
        for name in (long_th, short_th, stem, english, english[:3]):
            table[_month_key(name)] = number
            table[name.casefold()] = number  # as written: found without _month_key
    table["กุมภาพันธ"] = 2  # without the silent-letter mark
    table["sept"] = 9
    return table


_MONTH_TABLE: Final = _month_table()


def month_number(name: str) -> int:
    """The month number (1–12) of a Thai or English month name.

    Accepts the full and abbreviated Thai names with or without their dots
    (``ม.ค.``, ``ม.ค``, ``มค``, ``มีค.``), the colloquial short forms
    (``มกรา``, ``กุมภา``), the misspelling ``กรกฏาคม``, and English names
    and three-letter abbreviations in any case. Raises :class:`ThaiDateError`
    for anything else.

    >>> month_number("ก.พ"), month_number("กรกฏาคม"), month_number("Sept.")
    (2, 7, 9)
    """
    number = _MONTH_TABLE.get(_month_key(normalize(name)))
    if number is None:
        raise ThaiDateError(
            f"unknown month name {name!r}: write it as in {MONTHS_LONG[0]}, "
            f"{MONTHS_SHORT[0]} or January"
        )
    return number


# --- Buddhist-era dates -------------------------------------------------------------------


_Ymd = tuple[int, int, int]


def _ymd(d: date) -> _Ymd:
    return d.year, d.month, d.day


def _days_in_month(ce_year: int, month: int) -> int:
    if month == 2:
        leap = ce_year % 4 == 0 and (ce_year % 100 != 0 or ce_year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _problem(ce_year: int, month: int, day: int, era_year: str) -> str:
    """Why CE (ce_year, month, day) is not a date; *era_year* names the year as written."""
    if not 1 <= month <= 12:
        return f"month {month} is not 1–12"
    if day < 1:
        return f"day {day} is not a day of the month"
    ce = "" if era_year.startswith("CE") else f" (CE {ce_year})"
    if not 1 <= ce_year <= 9999:
        return f"{era_year}{ce} is outside the supported range CE 1–9999 (BE 544–10542)"
    return f"{_EN[month]} of {era_year}{ce} has {_days_in_month(ce_year, month)} days"


def _ce_date(year: int, month: int, day: int) -> date | str:
    """The CE date, or the reason it does not exist."""
    try:
        return date(year, month, day)
    except (ValueError, OverflowError):
        return _problem(year, month, day, f"CE {year}")


def _be_date(year: int, month: int, day: int, historical: bool) -> date | str:
    """The date of BE (year, month, day), or the reason it does not exist."""
    ce = year - BE_OFFSET
    if historical and month <= 3 and year <= 2483:
        if year == 2483 and month >= 1:
            return (
                "in the historical reckoning BE 2483 ran from 1 April to 31 December 1940 "
                f"(Calendar Year Act BE 2483): {_EN[month]} 1940 is BE 2482 and {_EN[month]} "
                "1941 is BE 2484; use historical=False for the modern reckoning"
            )
        ce += 1
    try:
        return date(ce, month, day)
    except (ValueError, OverflowError):
        return _problem(ce, month, day, f"BE {year}")


@frozen(order=True)
class BuddhistDate:
    """A day written in the Buddhist era: BE year, month 1–12, day.

    A BuddhistDate is a label; which day it names depends on the reckoning
    (see the module docstring), so :meth:`to_date` and :meth:`from_date` take
    ``historical``. Construction refuses labels that exist in neither
    reckoning. Ordering compares (year, month, day), which is chronological in
    the modern reckoning.

    >>> BuddhistDate.from_date(date(2023, 1, 31))
    BuddhistDate(year=2566, month=1, day=31)
    >>> str(BuddhistDate(2566, 1, 31)), BuddhistDate(2566, 1, 31).to_date()
    ('31/01/2566', datetime.date(2023, 1, 31))
    >>> BuddhistDate.from_date(date(1940, 1, 15), historical=True)
    BuddhistDate(year=2482, month=1, day=15)
    >>> BuddhistDate(2483, 1, 15).to_date(historical=True)
    Traceback (most recent call last):
    ...
    dropout_model.errors.ThaiDateError: 15/01/2483: in the historical reckoning BE 2483 ran ...
    >>> BuddhistDate(2566, 2, 29)
    Traceback (most recent call last):
    ...
    dropout_model.errors.ThaiDateError: 29/02/2566: February of BE 2566 (CE 2023) has 28 days
    """

    year: int
    month: int
    day: int

    def __attrs_post_init__(self) -> None:
        for kind, value in (("year", self.year), ("month", self.month), ("day", self.day)):
            if type(value) is not int:
                raise InvalidTypeError(
                    f"BuddhistDate {kind} must be an int, got {type(value).__name__}: {value!r}"
                )
        modern = _be_date(self.year, self.month, self.day, historical=False)
        if isinstance(modern, str) and isinstance(
            _be_date(self.year, self.month, self.day, historical=True), str
        ):
            raise ThaiDateError(f"{self}: {modern}")

    @classmethod
    def from_date(cls, d: date, *, historical: bool = False) -> BuddhistDate:
        """The BE label of *d* (``historical=True``: the pre-1941 reckoning)."""
        year = d.year + BE_OFFSET
        if historical and d.month <= 3 and d.year <= 1940:
            year -= 1
        return cls(year, d.month, d.day)

    def to_date(self, *, historical: bool = False) -> date:
        """The day this label names; :class:`ThaiDateError` if it names none."""
        result = _be_date(self.year, self.month, self.day, historical)
        if isinstance(result, str):
            raise ThaiDateError(f"{self}: {result}")
        return result

    def __str__(self) -> str:
        return f"{self.day:02d}/{self.month:02d}/{self.year}"


def rattanakosin_year(d: date) -> int:
    """The Rattanakosin era year (ร.ศ.) of *d*: BE − 2324, 1 April 1889 – 31 March 1913.

    The era began with the solar calendar on 1 April 1889 (ร.ศ. 108) and was
    replaced by the Buddhist era on 1 April 1913; its year began on 1 April.

    >>> rattanakosin_year(date(1889, 4, 1)), rattanakosin_year(date(1913, 3, 31))
    (108, 131)
    """
    if not (1889, 4, 1) <= _ymd(d) <= (1913, 3, 31):  # a tuple: datetime works too
        raise ThaiDateError(
            f"{d.isoformat()}: the Rattanakosin era (ร.ศ.) was in use only from "
            "1889-04-01 (ร.ศ. 108) to 1913-03-31 (ร.ศ. 131)"
        )
    return BuddhistDate.from_date(d, historical=True).year - 2324


# --- formatting ---------------------------------------------------------------------------


def format_date(
    d: date,
    style: Style = "numeric",
    *,
    era: bool = False,
    thai_digits: bool = False,
    historical: bool = False,
) -> str:
    """Write *d* in the Buddhist era.

    - ``"numeric"``: ``31/01/2566`` (Java th-TH ThaiBuddhist pattern ``dd/MM/yyyy``)
    - ``"short"``: ``31 ม.ค. 66`` (``d MMM yy``)
    - ``"long"``: ``31 มกราคม 2566`` (``d MMMM yyyy``)

    ``era=True`` writes ``พ.ศ.`` before the year, ``thai_digits=True`` writes
    ๐–๙, ``historical=True`` uses the pre-1941 reckoning. The short style keeps
    the last two digits of the year; read it back with a *pivot*.

    >>> d = date(2023, 1, 31)
    >>> format_date(d), format_date(d, "short"), format_date(d, "long")
    ('31/01/2566', '31 ม.ค. 66', '31 มกราคม 2566')
    >>> format_date(d, "long", era=True, thai_digits=True)
    '๓๑ มกราคม พ.ศ. ๒๕๖๖'
    """
    if not isinstance(d, date):
        raise InvalidTypeError(f"format_date() takes a date, got {type(d).__name__}: {d!r}")
    year = d.year + BE_OFFSET
    if historical and d.month <= 3 and d.year <= 1940:
        year -= 1
    prefix = "พ.ศ. " if era else ""
    # Table lookups and one f-string: zero-padding from _TWO_DIGITS is faster than :02d.
    if style == "numeric":
        text = f"{_TWO_DIGITS[d.day]}/{_TWO_DIGITS[d.month]}/{prefix}{year}"
    elif style == "short":
        text = f"{d.day} {_SHORT[d.month]} {prefix}{_TWO_DIGITS[year % 100]}"
    elif style == "long":
        text = f"{d.day} {_LONG[d.month]} {prefix}{year}"
    else:
        raise ThaiDateError(f"unknown style {style!r}: use 'numeric', 'short' or 'long'")
    return text.translate(_THAI_DIGIT_TABLE) if thai_digits else text


# --- parsing ------------------------------------------------------------------------------

_MAX_LENGTH: Final = 100
# The fast path: the exact shapes of the printouts and of format_date, 31/01/2566,
# 31/1/66, 31 ม.ค. 66 and 31 มกราคม 2566. Anything else takes the general path.
_FAST_MONTHS: Final = {name: n for names in (_LONG, _SHORT) for n, name in enumerate(names) if n}
_FAST: Final = re.compile(
    r"([0-9]{1,2})(?:/([0-9]{1,2})/| (" + "|".join(map(re.escape, _FAST_MONTHS)) + r") )"
    r"([0-9]{4}|[0-9]{2})"
).fullmatch
# ... and the printouts' CE timestamps, 2022-10-01 00:00:00.
_FAST_ISO: Final = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?: ([0-9]{2}):([0-9]{2}):([0-9]{2}))?"
).fullmatch
_ERA_BE: Final = r"พ\.?\s?ศ\.?|พุทธศักราช|b\.?\s?e\.?"
_ERA_CE: Final = r"ค\.?\s?ศ\.?|คริสต์ศักราช|c\.?\s?e\.?|a\.?\s?d\.?"
_ERA: Final = rf"(?:{_ERA_BE}|{_ERA_CE})"
_IS_BE_ERA: Final = re.compile(_ERA_BE).fullmatch
_WEEKDAY_TH: Final = "|".join(sorted((*_WEEKDAYS_TH, "พฤหัส"), key=len, reverse=True))
_WEEKDAY_EN: Final = "|".join(w[:3] + "(?:" + w[3:] + ")?" for w in _WEEKDAYS_EN)
_PREFIX: Final = (
    rf"(?:(?:วัน(?P<wd_th>{_WEEKDAY_TH})?\s?(?:ที่\s?)?)|(?:(?P<wd_en>{_WEEKDAY_EN})\.?,?\s?))?"
)
_YEAR: Final = rf"(?:(?P<era>{_ERA})\s?)?(?P<year>[0-9]+)(?:\s?(?P<era2>{_ERA}))?"
_DMY: Final = re.compile(
    rf"""{_PREFIX}(?P<day>[0-9]{{1,2}})
    (?:\s?(?P<sep>[/.-])\s?(?P<mnum>[0-9]{{1,2}})\s?(?P=sep)\s?   # 31/01/2566
      |\s?(?P<mword>[^\s0-9]+?)\s?)                             # 31 ม.ค. 66
    {_YEAR}""",
    re.VERBOSE,
).fullmatch
_MDY: Final = re.compile(  # January 31, 2023
    rf"{_PREFIX}(?P<mword>[a-z.]+)\s?(?P<day>[0-9]{{1,2}}),?\s?{_YEAR}"
).fullmatch
_ISO: Final = re.compile(
    r"""(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})
    (?:[t\ ](?P<hour>[0-9]{2}):(?P<minute>[0-9]{2})(?::(?P<second>[0-9]{2})(?:[.,][0-9]{1,9})?)?
       \s?(?:z|[+-](?P<tzh>[0-9]{2}):?(?P<tzm>[0-9]{2}))?)?""",
    re.VERBOSE,
).fullmatch
# An ISO year from here on is far more likely a BE year written in ISO form by a
# Thai-locale export than a CE date five centuries ahead: era="auto" refuses it.
_ISO_BE_SUSPECT: Final = 2400
_FORMS: Final = "31/01/2566, 31 ม.ค. 66, 31 มกราคม พ.ศ. 2566 or ISO 2023-01-31"


def _show(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:60] + "…")


def _prepare(text: str, kind: str) -> str:
    """*text* normalised, Thai digits as ASCII, casefolded, blanks folded to one space."""
    if len(text) > _MAX_LENGTH:
        raise ThaiDateError(
            f"cannot read {_show(text)} as {kind}: longer than {_MAX_LENGTH} characters"
        )
    return " ".join(to_arabic_digits(normalize(text)).casefold().split())


def parse_date(
    text: str,
    *,
    era: Era = "auto",
    historical: bool = False,
    pivot: int | None = None,
) -> date:
    """Read a Thai (or English, or ISO) date.

    Reads day-month-year with a numeric month (``31/01/2566``, ``31-1-2566``,
    ``31.01.66``) or a month name (``31 ม.ค. 66``, ``31 มกราคม พ.ศ. 2566``,
    ``วันที่ 31 ก.พ 2566``, ``31 January 2023``, ``January 31, 2023``), Thai
    digits, an optional weekday (``วันอังคารที่ 31 มกราคม 2566``, checked), an
    optional era (พ.ศ., ค.ศ., B.E., C.E., A.D.), and ISO 8601 dates with an
    optional time (``2022-10-01 00:00:00``), which are always CE. With
    ``era="auto"`` an ISO year of 2400 or more is refused rather than read
    five centuries ahead (Thai-locale exports write BE years in ISO form,
    ``2566-01-31``); ``era="ce"`` or ``"be"`` accepts it as CE.

    Years:

    - An era written in the text wins. Otherwise *era* decides: ``"be"`` or
      ``"ce"``; ``"auto"`` reads a year of three or more digits as BE when it
      is 2400 or more (CE 1857 onwards) and as CE below 2400, and reads a
      two-digit year as BE.
    - A two-digit year ``yy`` is the year of the window ``pivot`` …
      ``pivot + 99`` (in the era it is read in) that ends in ``yy``. The
      default window is BE 2500–2599 (:data:`DEFAULT_PIVOT`; CE 1957–2056 when
      the year is CE). It never depends on today's date; for a sliding window
      pass e.g. ``pivot=date.today().year + 543 - 80``.
    - *historical* reads BE years in the pre-1941 reckoning.

    What cannot be read, or names a day that does not exist, raises
    :class:`ThaiDateError` and nothing else.

    >>> parse_date("31/01/2566"), parse_date("๓๑ มกราคม พ.ศ. ๒๕๖๖")
    (datetime.date(2023, 1, 31), datetime.date(2023, 1, 31))
    >>> parse_date("31 ม.ค. 42"), parse_date("31 ม.ค. 42", pivot=2543)
    (datetime.date(1999, 1, 31), datetime.date(2099, 1, 31))
    >>> parse_date("31 มกราคม 2023"), parse_date("2022-10-01 00:00:00")
    (datetime.date(2023, 1, 31), datetime.date(2022, 10, 1))
    >>> parse_date("29/02/2566")
    Traceback (most recent call last):
    ...
    dropout_model.errors.ThaiDateError: '29/02/2566': February of BE 2566 (CE 2023) has 28 days
    """
    if not isinstance(text, str):
        raise InvalidTypeError(f"parse_date() takes str, got {type(text).__name__}")
    fast = _FAST(text)
    if fast is not None and era in ("auto", "be") and not historical and pivot is None:
        day, number, name, year = fast.groups()
        # DEFAULT_PIVOT is a multiple of 100: the window is BE 2500 + yy.
        y = int(year) if len(year) == 4 else DEFAULT_PIVOT + int(year)
        if y >= 2400 or era == "be":
            try:
                month = int(number) if name is None else _FAST_MONTHS[name]
                return date(y - BE_OFFSET, month, int(day))
            except ValueError:
                pass  # the general path explains why
    # ISO is CE; with era="auto" a year from 2400 takes the slow path, which refuses it.
    elif (iso := _FAST_ISO(text)) is not None and (era != "auto" or text < "2400"):
        year, month, day, hour, minute, second = map(int, iso.groups("0"))
        if hour < 24 and minute < 60 and second < 60:
            try:
                return date(year, month, day)
            except ValueError:
                pass
    return _parse(text, era, historical, pivot)


def _parse(text: str, era: str, historical: bool, pivot: int | None) -> date:
    if era not in ("auto", "be", "ce"):
        raise ThaiDateError(f"unknown era {era!r}: use 'auto', 'be' or 'ce'")
    if pivot is not None and (type(pivot) is not int or not 0 <= pivot <= 99_999):
        raise ThaiDateError(
            f"pivot must be an int from 0 to 99999, the first year of the two-digit-year "
            f"window (such as 2500), got {pivot!r}"
        )
    s = _prepare(text, "a date")
    if (m := _ISO(s)) is not None:
        return _iso(text, m, era)
    m = _DMY(s) or _MDY(s)
    if m is None:
        raise ThaiDateError(f"cannot read {_show(text)} as a date: write it as {_FORMS}")
    g = m.groupdict()
    mnum, mword = g.get("mnum"), g["mword"]
    if mnum is not None:
        month = int(mnum)
    else:
        month = _MONTH_TABLE.get(mword) or _MONTH_TABLE.get(_month_key(mword), 0)
        if not month:
            raise ThaiDateError(
                f"cannot read {_show(text)} as a date: unknown month {mword!r}; write it as in "
                f"{MONTHS_LONG[0]}, {MONTHS_SHORT[0]} or January"
            )
    year, is_be = _year(text, m["year"], (m["era"], m["era2"]), era, pivot)
    day = int(m["day"])
    result = _be_date(year, month, day, historical) if is_be else _ce_date(year, month, day)
    if isinstance(result, str):
        raise ThaiDateError(f"{_show(text)}: {result}")
    _check_weekday(text, result, m["wd_th"], m["wd_en"])
    return result


def _year(
    text: str, digits: str, marks: tuple[str | None, ...], era: str, pivot: int | None
) -> tuple[int, bool]:
    """The year written as *digits* with era *marks*, and whether it is BE."""
    eras = {_IS_BE_ERA(e) is not None for e in marks if e}
    if len(eras) > 1:
        raise ThaiDateError(f"{_show(text)}: names two eras, BE and CE; keep one")
    n = len(digits)
    if n > 5 or n == 1:
        raise ThaiDateError(
            f"{_show(text)}: year {digits!r} has {n} digit{'s' if n > 1 else ''}; write the "
            "full year (2566) or two digits (66)"
        )
    value = int(digits)
    if eras:
        is_be = eras.pop()
    elif era == "auto":
        is_be = n == 2 or value >= 2400
    else:
        is_be = era == "be"
    if n == 2:
        first = pivot if pivot is not None else DEFAULT_PIVOT - (0 if is_be else BE_OFFSET)
        value = first + (value - first) % 100
    return value, is_be


def _iso(text: str, m: re.Match[str], era: str) -> date:
    hour, minute, second = (int(m[k] or 0) for k in ("hour", "minute", "second"))
    tzh, tzm = int(m["tzh"] or 0), int(m["tzm"] or 0)
    if hour > 23 or minute > 59 or second > 59 or tzh > 23 or tzm > 59:
        raise ThaiDateError(f"{_show(text)}: the time of day is out of range")
    year = int(m["year"])
    if era == "auto" and year >= _ISO_BE_SUSPECT:
        raise ThaiDateError(
            f"{_show(text)}: ISO dates are CE, but {year} looks like a BE year written in ISO "
            f"form (that would be CE {year - BE_OFFSET}); correct the source, or pass era='ce' "
            f"to accept CE {year}"
        )
    result = _ce_date(year, int(m["month"]), int(m["day"]))
    if isinstance(result, str):
        raise ThaiDateError(f"{_show(text)}: {result}")
    return result


def _check_weekday(text: str, d: date, th: str | None, en: str | None) -> None:
    weekday = d.weekday()
    if th is not None:
        ok = _WEEKDAYS_TH[weekday].startswith(th)
    elif en is not None:
        ok = _WEEKDAYS_EN[weekday].startswith(en)
    else:
        return
    if not ok:
        raise ThaiDateError(
            f"{_show(text)}: {d.isoformat()} is a {_WEEKDAYS_EN[weekday].title()} "
            f"(วัน{_WEEKDAYS_TH[weekday]}); check the day or the weekday"
        )


# --- fiscal year --------------------------------------------------------------------------


def _check_int(kind: str, value: object) -> int:
    if type(value) is not int:
        raise InvalidTypeError(f"{kind} must be an int, got {type(value).__name__}: {value!r}")
    return value


def _check_be_year(kind: str, value: object, low: int, high: int) -> None:
    year = _check_int(f"{kind} be_year", value)
    if not low <= year <= high:
        raise ThaiDateError(
            f"{kind}({year}): the BE year must be {low}–{high}; "
            "pass the Buddhist-era year (CE + 543), e.g. 2566 for 2023"
        )


def _date(year: int, month: int, day: int, what: str) -> date:
    if not 1 <= year <= 9999:
        raise ThaiDateError(f"{what}: CE year {year} is outside 1–9999")
    return date(year, month, day)


_LABELLED_YEAR: Final = re.compile(r"([^0-9]*?)\s?([0-9]{2,5})").fullmatch


def _parse_labelled(text: str, labels: tuple[str, ...], kind: str, pivot: int | None) -> int:
    """The BE year of texts such as ``FY 2566`` or ``ปีงบประมาณ พ.ศ. 66``."""
    if not isinstance(text, str):
        raise InvalidTypeError(f"{kind}.parse() takes str, got {type(text).__name__}")
    m = _LABELLED_YEAR(_prepare(text, kind))
    if m is None or m[1].rstrip() not in labels:
        shown = ", ".join(repr(label) for label in labels if label)
        raise ThaiDateError(
            f"cannot read {_show(text)} as {kind}: write a BE year, optionally after {shown}"
        )
    return _be_year(text, m[2], pivot)


def _be_year(text: str, digits: str, pivot: int | None) -> int:
    year, is_be = _year(text, digits, (), "auto", pivot)
    if not is_be:
        raise ThaiDateError(
            f"{_show(text)}: {year} reads as a CE year; write the BE year ({year + BE_OFFSET})"
        )
    return year


@frozen(order=True)
class FiscalYear:
    """The Thai government fiscal year (ปีงบประมาณ), named by a BE year.

    Fiscal year N runs from 1 October of CE N − 544 to 30 September of
    CE N − 543 [Budget Procedure Act BE 2561 s.4]; quarter 1 is
    October–December. The rule holds from FY 2505 (October 1961) and is
    applied to every year alike. ``str`` gives ``FY 2566``; :attr:`label_th`
    and :attr:`label_en` give labels for reports; :meth:`parse` reads all three.

    >>> fy = FiscalYear(2566)
    >>> fy.start, fy.end
    (datetime.date(2022, 10, 1), datetime.date(2023, 9, 30))
    >>> str(fy), fy.label_th, fy.label_en
    ('FY 2566', 'ปีงบประมาณ พ.ศ. 2566', 'fiscal year BE 2566')
    >>> FiscalYear.of(date(2023, 1, 31)) == fy, date(2022, 9, 30) in fy
    (True, False)
    >>> fy.quarter(date(2023, 1, 31)), fy.quarter_start(2), fy.quarter_end(2)
    (2, datetime.date(2023, 1, 1), datetime.date(2023, 3, 31))
    """

    be_year: int = field()

    @be_year.validator
    def _check(self, _: object, value: object) -> None:
        # FY 544 and FY 10543 hold days of CE 1 and 9999 but start or end outside them.
        _check_be_year("FiscalYear", value, 544, 10543)

    @classmethod
    def of(cls, d: date) -> FiscalYear:
        """The fiscal year that contains *d*."""
        return cls(d.year + BE_OFFSET + (d.month >= 10))

    @classmethod
    def parse(cls, text: str, *, pivot: int | None = None) -> FiscalYear:
        """Read ``FY 2566``, ``ปีงบประมาณ พ.ศ. 2566``, ``fiscal year BE 2566``, ``2566``.

        A two-digit year is read in the window of :func:`parse_date`.

        >>> FiscalYear.parse("ปีงบประมาณ 66")
        FiscalYear(be_year=2566)
        """
        labels: tuple[str, ...] = ("", "fy", "fy be", "fiscal year", "fiscal year be", "ปีงบประมาณ")
        labels += ("ปีงบประมาณ พ.ศ.", "ปีงบ", "ปีงบ พ.ศ.", "งบประมาณ พ.ศ.")
        return cls(_parse_labelled(text, labels, "FiscalYear", pivot))

    @property
    def ce_start_year(self) -> int:
        """The CE year of the first day (1 October)."""
        return self.be_year - BE_OFFSET - 1

    @property
    def ce_end_year(self) -> int:
        """The CE year of the last day (30 September)."""
        return self.be_year - BE_OFFSET

    @property
    def start(self) -> date:
        """1 October of CE ``be_year - 544``."""
        return _date(self.ce_start_year, 10, 1, f"start of {self}")

    @property
    def end(self) -> date:
        """30 September of CE ``be_year - 543``."""
        return _date(self.ce_end_year, 9, 30, f"end of {self}")

    def __contains__(self, d: object) -> bool:
        return isinstance(d, date) and d.year + BE_OFFSET + (d.month >= 10) == self.be_year

    def quarter(self, d: date) -> int:
        """The quarter (1–4) of *d*; :class:`ThaiDateError` if *d* is not in this year."""
        if d not in self:
            raise ThaiDateError(
                f"{d.isoformat()} is not in {self} (1 Oct {self.ce_start_year} – "
                f"30 Sep {self.ce_end_year}); use FiscalYear.of(d)"
            )
        return (d.month - 10) % 12 // 3 + 1

    def quarter_start(self, q: int) -> date:
        """First day of quarter *q* (1–4)."""
        self._check_quarter(q)
        return _date(self.ce_start_year + (q > 1), (q * 3 + 6) % 12 + 1, 1, f"Q{q} of {self}")

    def quarter_end(self, q: int) -> date:
        """Last day of quarter *q* (1–4)."""
        self._check_quarter(q)
        return self.end if q == 4 else self.quarter_start(q + 1) - _ONE_DAY

    def quarters(self) -> tuple[tuple[date, date], ...]:
        """The four quarters as (first day, last day) pairs."""
        return tuple((self.quarter_start(q), self.quarter_end(q)) for q in range(1, 5))

    def _check_quarter(self, q: object) -> None:
        if type(q) is not int or not 1 <= q <= 4:
            raise ThaiDateError(f"a quarter of {self} is 1, 2, 3 or 4, got {q!r}")

    @property
    def label_th(self) -> str:
        """Thai label: ``ปีงบประมาณ พ.ศ. 2566``."""
        return f"ปีงบประมาณ พ.ศ. {self.be_year}"

    @property
    def label_en(self) -> str:
        """English label: ``fiscal year BE 2566``."""
        return f"fiscal year BE {self.be_year}"

    def __str__(self) -> str:
        return f"FY {self.be_year}"


# --- school calendar ----------------------------------------------------------------------

#: A (month, day) pair of :class:`SchoolCalendar`, such as ``(5, 16)``.
MonthDay = tuple[int, int]


_Bounds = tuple[_Ymd, _Ymd, _Ymd, _Ymd, _Ymd]


def _iso_ymd(ymd: _Ymd) -> str:
    return "{:04d}-{:02d}-{:02d}".format(*ymd)


def _check_dates(_: object, attribute: Attribute[tuple[date, date]], value: object) -> None:
    if not (type(value) is tuple and len(value) == 2 and all(type(v) is date for v in value)):
        raise InvalidTypeError(f"{attribute.name} must be a (first day, last day) pair of dates")


def _check_dates_year(_: object, __: Attribute[int], value: object) -> None:
    _check_be_year("AcademicYearDates", value, 544, 10541)


@frozen
class AcademicYearDates:
    """The actual dates of one academic year, for a year whose dates were shifted.

    *start* is the first day of academic year *be_year* and must fall in
    CE ``be_year - 543``; the year ends the day before the next one starts.
    *term1* and *term2* are (first day, last day) pairs, in order, inside the
    year.
    """

    be_year: int = field(validator=_check_dates_year)
    start: date = field()
    term1: tuple[date, date] = field(validator=_check_dates)
    term2: tuple[date, date] = field(validator=_check_dates)

    def __attrs_post_init__(self) -> None:
        if type(self.start) is not date:
            raise InvalidTypeError(f"start must be a date, got {type(self.start).__name__}")
        if self.start.year != self.be_year - BE_OFFSET:
            raise ThaiDateError(
                f"academic year {self.be_year} must start in CE {self.be_year - BE_OFFSET}, "
                f"not on {self.start.isoformat()}"
            )
        (a, b), (c, d) = self.term1, self.term2
        if not self.start <= a <= b < c <= d:
            raise ThaiDateError(
                f"academic year {self.be_year}: need start <= term 1 <= term 2, in order, "
                f"got start {self.start}, term 1 {a}..{b}, term 2 {c}..{d}"
            )


def _month_day(value: Sequence[int]) -> MonthDay:
    try:
        month, day = value
        date(2001, month, day)  # a common year: 29 February is not every year's
    except (TypeError, ValueError) as e:
        raise ThaiDateError(
            f"{value!r} is not a (month, day) pair of a common year, such as (5, 16): {e}; "
            "for 29 February use an AcademicYearDates override"
        ) from None
    return (month, day)


def _span(value: Sequence[Sequence[int]]) -> tuple[MonthDay, MonthDay]:
    try:
        first, last = value
    except (TypeError, ValueError):
        raise ThaiDateError(f"a term is ((month, day), (month, day)), got {value!r}") from None
    return _month_day(first), _month_day(last)


def _overrides(value: Iterable[AcademicYearDates]) -> tuple[AcademicYearDates, ...]:
    items = tuple(value)
    for item in items:
        if not isinstance(item, AcademicYearDates):
            raise InvalidTypeError(f"overrides take AcademicYearDates, got {type(item).__name__}")
    return tuple(sorted(items, key=lambda y: y.be_year))


@frozen
class SchoolCalendar:
    """When academic years and terms start and end.

    The defaults are those of the MOE regulation BE 2549: the academic year
    runs 16 May – 15 May and is named by the BE year it starts in; term 1
    runs 16 May – 11 October, term 2 1 November – 1 April, with breaks
    between them. Month-day pairs earlier in the calendar year than
    *year_start* fall in the next CE year. Schools shift these dates: give
    your own pattern, and :class:`AcademicYearDates` *overrides* for single
    years (COVID years, for instance).

    >>> SchoolCalendar().year_dates(2566).term2
    (datetime.date(2023, 11, 1), datetime.date(2024, 4, 1))
    >>> covid = AcademicYearDates(
    ...     2563,
    ...     date(2020, 5, 16),
    ...     (date(2020, 7, 1), date(2020, 11, 13)),
    ...     (date(2020, 12, 1), date(2021, 4, 9)),
    ... )
    >>> Term.of(date(2020, 6, 15), calendar=SchoolCalendar(overrides=[covid])) is None
    True
    """

    year_start: MonthDay = field(default=(5, 16), converter=_month_day)
    term1: tuple[MonthDay, MonthDay] = field(default=((5, 16), (10, 11)), converter=_span)
    term2: tuple[MonthDay, MonthDay] = field(default=((11, 1), (4, 1)), converter=_span)
    overrides: tuple[AcademicYearDates, ...] = field(default=(), converter=_overrides)
    _index: dict[int, AcademicYearDates] = field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        (a, b), (c, d) = self.term1, self.term2
        if not self._key(a) <= self._key(b) < self._key(c) <= self._key(d):
            raise ThaiDateError(
                f"terms must be in order within the year from {self.year_start}: "
                f"term 1 {self.term1}, term 2 {self.term2}"
            )
        object.__setattr__(self, "_index", {y.be_year: y for y in self.overrides})
        if len(self._index) != len(self.overrides):
            raise ThaiDateError("overrides name the same academic year twice")
        for year in self.overrides:
            for before, after in (
                (year.be_year - 1, year.be_year),
                (year.be_year, year.be_year + 1),
            ):
                last, first = self._bounds(before)[4], self._bounds(after)[0]
                if not last < first:
                    raise ThaiDateError(
                        f"academic year {before} ends term 2 on {_iso_ymd(last)}, not before "
                        f"academic year {after} starts on {_iso_ymd(first)}; adjust the overrides"
                    )

    def _key(self, md: MonthDay) -> tuple[bool, MonthDay]:
        return md < self.year_start, md

    def _bounds(self, be_year: int) -> _Bounds:
        """Year start, term 1 first and last day, term 2 first and last day.

        As (year, month, day) tuples: they also order the days beyond CE 1–9999 that
        the years at the ends of the range reach into.
        """
        found = self._index.get(be_year)
        if found is not None:
            (a, b), (c, d) = found.term1, found.term2
            return _ymd(found.start), _ymd(a), _ymd(b), _ymd(c), _ymd(d)
        ce, ys = be_year - BE_OFFSET, self.year_start
        (a1, a2), (b1, b2), (c1, c2), (d1, d2) = (*self.term1, *self.term2)
        return (
            (ce, *ys),
            (ce + ((a1, a2) < ys), a1, a2),
            (ce + ((b1, b2) < ys), b1, b2),
            (ce + ((c1, c2) < ys), c1, c2),
            (ce + ((d1, d2) < ys), d1, d2),
        )

    def _day(self, be_year: int, which: int) -> date:
        """Day *which* (an index into :meth:`_bounds`) as a date, or ThaiDateError."""
        return _date(*self._bounds(be_year)[which], f"academic year {be_year}")

    def year_dates(self, be_year: int) -> AcademicYearDates:
        """The dates of academic year *be_year*: its override, or the pattern."""
        found = self._index.get(be_year)
        if found is not None:
            return found
        start, a, b, c, d = (self._day(be_year, i) for i in range(5))
        return AcademicYearDates(be_year, start, (a, b), (c, d))


#: The MOE default calendar (regulation BE 2549), used when ``calendar=None``.
MOE_CALENDAR: Final = SchoolCalendar()


# --- academic year and term ---------------------------------------------------------------


@frozen(order=True)
class AcademicYear:
    """A school year (ปีการศึกษา), named by the BE year it starts in.

    Its dates come from a :class:`SchoolCalendar` (keyword *calendar*; ``None``
    is the MOE default, 16 May – 15 May). ``str`` gives ``AY 2566``.

    >>> ay = AcademicYear(2566)
    >>> ay.start(), ay.end()
    (datetime.date(2023, 5, 16), datetime.date(2024, 5, 15))
    >>> AcademicYear.of(date(2024, 1, 31)) == ay, ay.label_th, ay.ce_start_year
    (True, 'ปีการศึกษา 2566', 2023)
    """

    be_year: int = field()

    @be_year.validator
    def _check(self, _: object, value: object) -> None:
        # AY 543 and AY 10542 hold days of CE 1 and 9999 but start or end outside them.
        _check_be_year("AcademicYear", value, 543, 10542)

    @classmethod
    def of(cls, d: date, *, calendar: SchoolCalendar | None = None) -> AcademicYear:
        """The academic year that contains *d*."""
        be = d.year + BE_OFFSET
        if _ymd(d) < (calendar or MOE_CALENDAR)._bounds(be)[0]:
            be -= 1
        return cls(be)

    @classmethod
    def parse(cls, text: str, *, pivot: int | None = None) -> AcademicYear:
        """Read ``AY 2566``, ``ปีการศึกษา 2566``, ``academic year 2566``, ``2566``.

        >>> AcademicYear.parse("ปีการศึกษา ๒๕๖๖")
        AcademicYear(be_year=2566)
        """
        labels: tuple[str, ...] = ("", "ay", "academic year", "academic year be", "ปีการศึกษา")
        labels += ("ปีการศึกษา พ.ศ.", "ปีการศึกษาที่")
        return cls(_parse_labelled(text, labels, "AcademicYear", pivot))

    @property
    def ce_start_year(self) -> int:
        """The CE year it starts in."""
        return self.be_year - BE_OFFSET

    @property
    def ce_end_year(self) -> int:
        """The CE year it ends in."""
        return self.be_year - BE_OFFSET + 1

    def start(self, *, calendar: SchoolCalendar | None = None) -> date:
        """First day (16 May in the MOE calendar)."""
        return (calendar or MOE_CALENDAR)._day(self.be_year, 0)

    def end(self, *, calendar: SchoolCalendar | None = None) -> date:
        """Last day: the day before the next academic year starts."""
        return (calendar or MOE_CALENDAR)._day(self.be_year + 1, 0) - _ONE_DAY

    def contains(self, d: date, *, calendar: SchoolCalendar | None = None) -> bool:
        """Whether *d* falls in this academic year."""
        return AcademicYear.of(d, calendar=calendar) == self

    def terms(self) -> tuple[Term, Term]:
        """Its two terms."""
        return Term(self, 1), Term(self, 2)

    @property
    def label_th(self) -> str:
        """Thai label: ``ปีการศึกษา 2566``."""
        return f"ปีการศึกษา {self.be_year}"

    @property
    def label_en(self) -> str:
        """English label: ``academic year 2566``."""
        return f"academic year {self.be_year}"

    def __str__(self) -> str:
        return f"AY {self.be_year}"


def _check_academic_year(_: object, __: Attribute[AcademicYear], value: object) -> None:
    if not isinstance(value, AcademicYear):
        raise InvalidTypeError(
            f"Term academic_year must be an AcademicYear, got {type(value).__name__}: "
            f"{value!r}; write Term(AcademicYear(2566), 1)"
        )


def _check_term_number(_: object, __: Attribute[int], value: object) -> None:
    if _check_int("Term number", value) not in (1, 2):
        raise ThaiDateError(f"Term number must be 1 or 2, got {value!r}")


_TERM: Final = re.compile(
    r"(?:ภาคเรียนที่|ภาคเรียน|เทอม|term|semester)?\s?([12])\s?(?:/|\s(?:ปีการศึกษา|ay)?)\s?"
    r"([0-9]{2,5})"
).fullmatch


@frozen(order=True)
class Term:
    """One of the two terms (ภาคเรียน) of an academic year: ``1/2566``.

    Dates come from a :class:`SchoolCalendar` (``None``: the MOE default).

    >>> t = Term(AcademicYear(2566), 1)
    >>> str(t), t.label_th, t.start(), t.end()
    ('1/2566', 'ภาคเรียนที่ 1/2566', datetime.date(2023, 5, 16), datetime.date(2023, 10, 11))
    >>> Term.parse("ภาคเรียนที่ 1/2566") == t, Term.of(date(2023, 10, 20))
    (True, None)
    """

    academic_year: AcademicYear = field(validator=_check_academic_year)
    number: int = field(validator=_check_term_number)

    @classmethod
    def of(cls, d: date, *, calendar: SchoolCalendar | None = None) -> Term | None:
        """The term that contains *d*, or ``None`` in a break."""
        cal = calendar or MOE_CALENDAR
        ay = AcademicYear.of(d, calendar=cal)
        _, a, b, c, e = cal._bounds(ay.be_year)
        day = _ymd(d)
        if a <= day <= b:
            return cls(ay, 1)
        if c <= day <= e:
            return cls(ay, 2)
        return None

    @classmethod
    def parse(cls, text: str, *, pivot: int | None = None) -> Term:
        """Read ``1/2566``, ``ภาคเรียนที่ 1/2566``, ``ภาคเรียนที่ 2 ปีการศึกษา 66``, ``term 1/2566``.

        A two-digit year is read in the window of :func:`parse_date`.
        """
        if not isinstance(text, str):
            raise InvalidTypeError(f"Term.parse() takes str, got {type(text).__name__}")
        m = _TERM(_prepare(text, "a term"))
        if m is None:
            raise ThaiDateError(
                f"cannot read {_show(text)} as a term: write term/year, as in 1/2566"
            )
        return cls(AcademicYear(_be_year(text, m[2], pivot)), int(m[1]))

    def start(self, *, calendar: SchoolCalendar | None = None) -> date:
        """First day of the term."""
        return (calendar or MOE_CALENDAR)._day(self.academic_year.be_year, 2 * self.number - 1)

    def end(self, *, calendar: SchoolCalendar | None = None) -> date:
        """Last day of the term."""
        return (calendar or MOE_CALENDAR)._day(self.academic_year.be_year, 2 * self.number)

    def contains(self, d: date, *, calendar: SchoolCalendar | None = None) -> bool:
        """Whether *d* falls in this term."""
        bounds = (calendar or MOE_CALENDAR)._bounds(self.academic_year.be_year)
        return bounds[2 * self.number - 1] <= _ymd(d) <= bounds[2 * self.number]

    @property
    def label_th(self) -> str:
        """Thai label: ``ภาคเรียนที่ 1/2566``."""
        return f"ภาคเรียนที่ {self}"

    @property
    def label_en(self) -> str:
        """English label: ``term 1/2566``."""
        return f"term {self}"

    def __str__(self) -> str:
        return f"{self.number}/{self.academic_year.be_year}"
