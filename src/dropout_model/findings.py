"""Findings: what checking and reading found (floor 1: imports nothing of the package).

A :class:`Finding` is one problem with a stable ``code`` (``P002``), a
:class:`Severity`, a JSON-style ``path`` from the checked object
(``reports[3].progress``), an English and a Thai message, the observed and
expected values, and a ``subject`` naming the record in caseload-wide checks.
:class:`Findings` is an immutable sequence of them with summaries.

>>> f = Finding(
...     "P002",
...     Severity.ERROR,
...     "end",
...     "project ends before it starts",
...     "วันสิ้นสุดโครงการอยู่ก่อนวันเริ่มต้น",
...     observed="2022-09-30",
...     expected="on or after 2022-10-01",
... )
>>> fs = Findings([f])
>>> fs.ok, len(fs.errors), fs.summary()
(False, 1, '1 error')
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Literal, overload

import attrs

from dropout_model._html import MISSING, Html, cell, element, row, table
from dropout_model.errors import InvalidValueError

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["Finding", "Findings", "Severity", "Value", "matches_code"]

#: The kinds of value a finding may carry as ``observed`` / ``expected``.
Value = str | int | Decimal | _dt.date | None


class Severity(enum.Enum):
    """How serious a finding is. Ordered: ``INFO < WARNING < ERROR``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for INFO, 1 for WARNING, 2 for ERROR."""
        return _RANK[self]

    @property
    def label_th(self) -> str:
        """The Thai word: ข้อผิดพลาด, คำเตือน, ข้อสังเกต."""
        return _LABEL_TH[self]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}
_LABEL_TH = {
    Severity.ERROR: "ข้อผิดพลาด",
    Severity.WARNING: "คำเตือน",
    Severity.INFO: "ข้อสังเกต",
}


def _plain(value: Value) -> str | int | None:
    """A JSON-ready form of a finding value."""
    if value is None or isinstance(value, str | int):
        return value
    if isinstance(value, Decimal):
        return str(value)
    return value.isoformat()


def _english(value: Value) -> bool:
    """Whether ``value`` is a phrase in English ("on or after 2022-10-01"), not a datum."""
    return isinstance(value, str) and any("a" <= ch <= "z" for ch in value.casefold())


def _shorten(value: Value, width: int | None) -> str:
    text = str(_plain(value))
    if width is None:
        return text
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


@attrs.frozen
class Finding:
    """One problem found in the data; never carries personal data.

    ``line`` is the 1-based line of the source text, for findings of the
    printout reader; ``None`` elsewhere.
    """

    code: str
    severity: Severity
    path: str
    message: str
    message_th: str
    observed: Value = None
    expected: Value = None
    subject: str | None = None
    line: int | None = None

    def text(self, lang: Literal["en", "th"] = "en", *, width: int | None = 80) -> str:
        """A one-line rendering: ``P002 error at end: ... (observed ..., expected ...)``.

        Observed and expected values longer than ``width`` characters are
        shortened with "…" and put on one line (``width=None`` keeps them whole).
        In Thai, an expected value that is an English phrase ("on or after
        2022-10-01") is left out: the Thai message already says it.
        """
        if lang == "th":
            severity, message = self.severity.label_th, self.message_th
            seen, want = "พบ", "ควรเป็น"
        else:
            severity, message = self.severity.value, self.message
            seen, want = "observed", "expected"
        where = self.path or "-"
        if self.subject:
            where = f"{self.subject}: {where}"
        if self.line is not None:
            where = (
                f"{where} (line {self.line})" if lang == "en" else f"{where} (บรรทัด {self.line})"
            )
        extra = []
        if self.observed is not None:
            extra.append(f"{seen} {_shorten(self.observed, width)}")
        if self.expected is not None and not (lang == "th" and _english(self.expected)):
            extra.append(f"{want} {_shorten(self.expected, width)}")
        tail = f" ({', '.join(extra)})" if extra else ""
        at = "ที่" if lang == "th" else "at"
        return f"{self.code} {severity} {at} {where}: {message}{tail}"

    def to_dict(self) -> dict[str, str | int | None]:
        """A JSON-ready dict (dates as ISO text, decimals as strings)."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "path": self.path,
            "message": self.message,
            "message_th": self.message_th,
            "observed": _plain(self.observed),
            "expected": _plain(self.expected),
            "subject": self.subject,
            "line": self.line,
        }


def _codes(selectors: str | Iterable[str] | None) -> tuple[str, ...] | None:
    if selectors is None:
        return None
    return (selectors,) if isinstance(selectors, str) else tuple(selectors)


def matches_code(code: str, selectors: Iterable[str]) -> bool:
    """Whether ``code`` is named by any selector: a whole code or a prefix (ruff style).

    >>> (
    ...     matches_code("R004", ["R"]),
    ...     matches_code("R004", ["S", "R00"]),
    ...     matches_code("R004", ["R1"]),
    ... )
    (True, True, False)
    """
    return any(code.startswith(s) for s in selectors)


class Findings(Sequence[Finding]):
    """An immutable, ordered sequence of findings.

    >>> Findings().ok
    True
    """

    __slots__ = ("_items",)

    def __init__(self, items: Iterable[Finding] = ()) -> None:
        self._items: tuple[Finding, ...] = tuple(items)

    @overload
    def __getitem__(self, index: int) -> Finding: ...
    @overload
    def __getitem__(self, index: slice) -> Findings: ...
    def __getitem__(self, index: int | slice) -> Finding | Findings:
        if isinstance(index, slice):
            return Findings(self._items[index])
        return self._items[index]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self._items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Findings):
            return self._items == other._items
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._items)

    def __add__(self, other: Iterable[Finding]) -> Findings:
        return Findings((*self._items, *other))

    def __repr__(self) -> str:
        return f"Findings({self.summary()})"

    def _where(self, keep: Callable[[Finding], bool]) -> Findings:
        return Findings(f for f in self._items if keep(f))

    @property
    def ok(self) -> bool:
        """True when there is no finding of severity ERROR."""
        return not any(f.severity is Severity.ERROR for f in self._items)

    @property
    def errors(self) -> Findings:
        """The findings of severity ERROR."""
        return self._where(lambda f: f.severity is Severity.ERROR)

    @property
    def warnings(self) -> Findings:
        """The findings of severity WARNING."""
        return self._where(lambda f: f.severity is Severity.WARNING)

    @property
    def infos(self) -> Findings:
        """The findings of severity INFO."""
        return self._where(lambda f: f.severity is Severity.INFO)

    @property
    def codes(self) -> frozenset[str]:
        """The set of codes present."""
        return frozenset(f.code for f in self._items)

    def by_code(self) -> dict[str, Findings]:
        """Findings grouped by code, codes in sorted order."""
        groups: dict[str, list[Finding]] = {}
        for f in self._items:
            groups.setdefault(f.code, []).append(f)
        return {code: Findings(groups[code]) for code in sorted(groups)}

    def by_severity(self) -> dict[Severity, Findings]:
        """Findings grouped by severity, most serious first; empty groups left out."""
        groups: dict[Severity, list[Finding]] = {}
        for f in self._items:
            groups.setdefault(f.severity, []).append(f)
        return {s: Findings(groups[s]) for s in sorted(groups, reverse=True)}

    def filter(
        self,
        *,
        select: str | Iterable[str] | None = None,
        ignore: str | Iterable[str] | None = None,
    ) -> Findings:
        """Keep findings whose code matches ``select`` (all when None) and not ``ignore``.

        Each takes one code or prefix, or several (``"P002"``, ``["R", "S003"]``).

        >>> fs = Findings([Finding("P002", Severity.ERROR, "end", "m", "m")])
        >>> len(fs.filter(select="P002")), len(fs.filter(select="P0")), len(fs.filter(ignore="P"))
        (1, 1, 0)
        """
        sel = _codes(select)
        ign = _codes(ignore) or ()
        return self._where(
            lambda f: (sel is None or matches_code(f.code, sel)) and not matches_code(f.code, ign)
        )

    def summary(self) -> str:
        """``"2 errors, 1 warning, 3 infos"``, or ``"no findings"``."""
        parts = []
        for severity, word in (
            (Severity.ERROR, "error"),
            (Severity.WARNING, "warning"),
            (Severity.INFO, "info"),
        ):
            n = sum(1 for f in self._items if f.severity is severity)
            if n:
                parts.append(f"{n} {word}{'s' if n != 1 else ''}")
        return ", ".join(parts) if parts else "no findings"

    def to_dicts(self) -> list[dict[str, str | int | None]]:
        """Every finding as a JSON-ready dict."""
        return [f.to_dict() for f in self._items]

    def to_html(self, lang: Literal["en", "th"] = "en", *, limit: int | None = 50) -> Html:
        """An HTML table for a notebook, grouped by severity, errors first.

        Each group opens with a header row and its count; the columns are
        code, path, subject, line (only when a finding has one) and the message
        in ``lang``. The table declares ``lang``. The result is an
        :class:`~dropout_model._html.Html` string, which a notebook renders.
        A group shows at most ``limit`` findings (``None``: all), then a row
        saying how many more there are: a notebook stays responsive with
        100,000 findings (for all of them, use ``dropout_model.to_frame``).

        >>> fs = Findings([Finding("P002", Severity.ERROR, "end", "ends <early>", "จบก่อน")])
        >>> html = fs.to_html("th")
        >>> '<table class="dropout-model findings" lang="th">' in html, "จบก่อน" in html
        (True, True)
        >>> "ends &lt;early&gt;" in fs.to_html(), Findings().to_html("th")
        (True, '<p class="dropout-model findings" lang="th">ไม่พบข้อสังเกต</p>')
        """
        given: object = lang  # callers without type checking may pass anything
        if not isinstance(given, str) or given not in _HTML_WORDS:
            msg = f"Findings.to_html: lang must be 'en' or 'th', got {given!r}"
            raise InvalidValueError(msg)
        if limit is not None and (type(limit) is not int or limit < 0):
            msg = f"Findings.to_html: limit must be a count (0 or more) or None, got {limit!r}"
            raise InvalidValueError(msg)
        words = _HTML_WORDS[lang]
        if not self._items:
            return element("p", words["none"], class_=_HTML_CLASS, lang=lang)
        with_line = any(f.line is not None for f in self._items)
        head = [words["code"], words["path"], words["subject"]]
        if with_line:
            head.append(words["line"])
        head.append(words["message"])
        rows = []
        for severity, group in self.by_severity().items():
            name = severity.label_th if lang == "th" else _HTML_GROUP_EN[severity]
            rows.append(row([cell(f"{name} ({len(group)})", header=True, span=len(head))]))
            shown = group if limit is None else group[:limit]
            for f in shown:
                cells: list[object] = [f.code, f.path or MISSING, f.subject or MISSING]
                if with_line:
                    cells.append(cell(f.line if f.line is not None else MISSING, right=True))
                cells.append(f.message_th if lang == "th" else f.message)
                rows.append(row(cells))
            if len(shown) < len(group):
                more = words["more"].format(n=f"{len(group) - len(shown):,}")
                rows.append(row([cell(more, span=len(head))]))
        return table(rows, head=head, class_=_HTML_CLASS, lang=lang)

    def _repr_html_(self) -> str:
        """What a notebook shows: :meth:`to_html` in English."""
        return str(self.to_html())


_HTML_CLASS = "dropout-model findings"
_HTML_GROUP_EN = {Severity.ERROR: "errors", Severity.WARNING: "warnings", Severity.INFO: "infos"}
_HTML_WORDS = {
    "en": {
        "none": "no findings",
        "code": "code",
        "path": "path",
        "subject": "subject",
        "line": "line",
        "message": "message",
        "more": "… and {n} more (all of them: dropout_model.to_frame(findings))",
    },
    "th": {
        "none": "ไม่พบข้อสังเกต",
        "code": "รหัส",
        "path": "ตำแหน่ง",
        "subject": "รายการ",
        "line": "บรรทัด",
        "message": "ข้อความ",
        "more": "… และอีก {n} รายการ (ดูทั้งหมดด้วย dropout_model.to_frame(findings))",
    },
}
