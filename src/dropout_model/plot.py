"""Charts of a project's progress and of a caseload, drawn with matplotlib (floor 5).

Needs the ``plot`` extra (``pip install 'dropout-model[plot]'``); a plain
``import dropout_model`` never imports matplotlib. Both functions draw on the
:class:`~matplotlib.axes.Axes` they are given, or on a new
:class:`~matplotlib.figure.Figure` made without pyplot (no global state, no
window, no GUI backend), and return the Axes; they never call ``show()``.

>>> from datetime import date
>>> from decimal import Decimal
>>> from dropout_model.project import PlanStatus, ProgressReport, Project
>>> p = Project(
...     "50490000-3632",
...     "Dropout care",
...     start=date(2022, 10, 1),
...     end=date(2023, 9, 30),
...     reports=(
...         ProgressReport(1, date(2023, 1, 31), "", Decimal(30), None, PlanStatus.ON_PLAN),
...         ProgressReport(2, date(2023, 3, 31), "", Decimal(20), None, PlanStatus.BEHIND),
...     ),
... )
>>> ax = plot_progress(p)
>>> ax.get_title(loc="left")
'50490000-3632  Dropout care'
>>> [a.get_text() for a in artists(ax, "finding")]
['R003']

Every element carries a matplotlib ``gid`` (see :func:`artists`), so that a
caller or a test can find it again and restyle it:

======================  ===================================================
gid                     element
======================  ===================================================
``progress``            the line through the reported cumulative progress
``status:<value>``      the report points of one plan status (``ahead``,
                        ``on_plan``, ``behind``, ``not_stated``)
``plan``                the planned straight line, 0 % at start to 100 % at end
``quarter``             the shaded band of one fiscal quarter
``quarter-label``       its label (``Q1 FY2566``)
``finding``             the annotation of one R003 or R006 finding
``note``                what could not be drawn, and why
``risk:<value>``        the bars of one risk level (``normal``, ``at_risk``,
                        ``problem``, ``not_assessed``) in :func:`plot_caseload`
``count``               a count written on a bar
======================  ===================================================

Personal data never reaches the figure: a progress chart shows the project's
code and name, report dates, progress and plan status, and rule codes; a
caseload chart shows counts per pathway and risk level only.
"""

from __future__ import annotations

import datetime as _dt
import re
import textwrap
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING, Final, Literal

try:
    import matplotlib as mpl
    from matplotlib import dates as _dates
    from matplotlib import font_manager
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Text
    from matplotlib.ticker import FuncFormatter, MaxNLocator, PercentFormatter
except ImportError as e:  # pragma: no cover - exercised only without matplotlib
    msg = (
        "dropout_model.plot needs matplotlib: "
        "install the extra with  pip install 'dropout-model[plot]'"
    )
    raise ImportError(msg) from e

from dropout_model.caseload import Caseload
from dropout_model.errors import InvalidTypeError, InvalidValueError, ThaiDateError
from dropout_model.findings import Finding, Findings
from dropout_model.project import PlanStatus, Project
from dropout_model.risk import RiskAssessment, RiskLevel, derive_risk_level
from dropout_model.rules import RuleConfig, validate
from dropout_model.student import PathwayKind
from dropout_model.thaidate import BE_OFFSET, MONTHS_SHORT, FiscalYear, format_date

if TYPE_CHECKING:
    from typing import Any

    from matplotlib.artist import Artist
    from matplotlib.container import BarContainer

    from dropout_model.project import ProgressReport
    from dropout_model.risk import RiskThresholds

#: matplotlib.dates has no type hints: its functions are called through Any.
_mdates: Any = _dates

__all__ = [
    "ANNOTATED_CODES",
    "MAX_QUARTERS",
    "THAI_FONTS",
    "Lang",
    "artists",
    "be_tick",
    "plot_caseload",
    "plot_progress",
    "risk_level_of",
    "thai_font",
]

#: The label language: English or Thai.
Lang = Literal["en", "th"]

#: The rules whose findings :func:`plot_progress` marks at the report they concern.
ANNOTATED_CODES: Final = ("R003", "R006")

#: Beyond this many fiscal quarters in view (six years), the quarter bands are left out
#: (a note says so): a report typed with the BE year as a CE year spans centuries.
MAX_QUARTERS: Final = 24

_FIGSIZE: Final = (10.0, 5.0)
_TITLE_LENGTH: Final = 50
_REPORT_INDEX: Final = re.compile(r"(?:^|\.)reports\[(\d+)\]")
_ONE_DAY: Final = _dt.timedelta(days=1)
_FIRST_DAY: Final = _dt.date(1, 1, 1)
_LAST_DAY: Final = _dt.date(9999, 12, 31)

# Plan status: (gid value, marker, colour, filled); ColorBrewer Dark2 colours (colour-blind safe).
_STATUS_STYLE: Final[dict[PlanStatus | None, tuple[str, str, str, bool]]] = {
    PlanStatus.AHEAD: ("ahead", "^", "#1b9e77", True),
    PlanStatus.ON_PLAN: ("on_plan", "o", "#386cb0", True),
    PlanStatus.BEHIND: ("behind", "v", "#d95f02", True),
    None: ("not_stated", "s", "#666666", False),
}
_FINDING_COLOUR: Final = {"R003": "#b2182b", "R006": "#5e3c99"}
#: A bar segment lower than this share of the y axis is too thin to write its count in.
_THIN: Final = 0.05
_QUARTER_SHADES: Final = ("#ebebeb", "#f7f7f7")

_RISK_LEVELS: Final[tuple[RiskLevel | None, ...]] = (
    RiskLevel.NORMAL,
    RiskLevel.AT_RISK,
    RiskLevel.PROBLEM,
    None,
)
_RISK_COLOUR: Final[dict[RiskLevel | None, str]] = {
    RiskLevel.NORMAL: "#4dac26",
    RiskLevel.AT_RISK: "#fdb863",
    RiskLevel.PROBLEM: "#d7191c",
    None: "#bababa",
}

_TEXT: Final[dict[str, dict[str, str]]] = {
    "en": {
        "xlabel": "report date (month/year BE)",
        "ylabel": "cumulative progress",
        "plan": "plan: straight line from start to end",
        "progress": "reported progress",
        "status:ahead": "ahead of plan",
        "status:on_plan": "on plan",
        "status:behind": "behind plan",
        "status:not_stated": "plan status not stated",
        "legend": "plan status",
        "quarter": "Q{q} FY{year}",
        "untitled": "project without code or name",
        "no_reports": "no progress reports",
        "no_points": "none of the {n} reports has both a date and a progress",
        "one_point": "only one report has a date and a progress: no trend",
        "no_plan_dates": "no planned line: the project start or end date is missing",
        "no_plan_order": "no planned line: the project ends before or on the day it starts",
        "no_dates": "no dates to place on the time axis",
        "many_quarters": "{n} fiscal quarters in view: quarter bands left out",
        "unplaced": "{code} at {path}: no such report on the chart",
        # plot_caseload
        "c_title": "Students by pathway and risk level ({n} students)",
        "c_xlabel": "pathway",
        "c_ylabel": "students",
        "c_legend": "risk level (latest assessment)",
        "no_pathway": "no pathway",
        "not_assessed": "not assessed",
        "no_students": "no students",
    },
    "th": {
        "xlabel": "วันที่รายงาน (เดือน ปี พ.ศ.)",
        "ylabel": "ความก้าวหน้าสะสม",
        "plan": "แผน: เส้นตรงจากวันเริ่มต้นถึงวันสิ้นสุด",
        "progress": "ความก้าวหน้าที่รายงาน",
        "status:ahead": PlanStatus.AHEAD.label_th,
        "status:on_plan": PlanStatus.ON_PLAN.label_th,
        "status:behind": PlanStatus.BEHIND.label_th,
        "status:not_stated": "ไม่ระบุสถานะตามแผน",
        "legend": "สถานะตามแผน",
        "quarter": "ไตรมาส {q} ปีงบ {year}",
        "untitled": "โครงการที่ไม่มีรหัสและชื่อ",
        "no_reports": "ไม่มีรายงานความก้าวหน้า",
        "no_points": "รายงานทั้ง {n} ครั้งไม่มีครั้งใดระบุทั้งวันที่และความก้าวหน้า",
        "one_point": "มีรายงานเพียงครั้งเดียวที่ระบุวันที่และความก้าวหน้า",
        "no_plan_dates": "ไม่มีเส้นแผน: ไม่ได้ระบุวันเริ่มต้นหรือวันสิ้นสุดโครงการ",
        "no_plan_order": "ไม่มีเส้นแผน: วันสิ้นสุดโครงการไม่อยู่หลังวันเริ่มต้น",
        "no_dates": "ไม่มีวันที่ให้แสดงบนแกนเวลา",
        "many_quarters": "ช่วงเวลายาว {n} ไตรมาส จึงไม่แสดงแถบไตรมาส",
        "unplaced": "{code} ที่ {path}: ไม่พบรายงานนี้บนแผนภูมิ",
        "c_title": "นักเรียนจำแนกตามแนวทางและระดับความเสี่ยง ({n} คน)",
        "c_xlabel": "แนวทาง",
        "c_ylabel": "จำนวนนักเรียน (คน)",
        "c_legend": "ระดับความเสี่ยง (การคัดกรองครั้งล่าสุด)",
        "no_pathway": "ยังไม่มีแนวทาง",
        "not_assessed": "ยังไม่ได้คัดกรอง",
        "no_students": "ไม่มีนักเรียน",
    },
}


# --- shared helpers ------------------------------------------------------------------------------


def artists(ax: Axes, gid: str) -> list[Artist]:
    """The artists of ``ax`` whose gid is ``gid`` or starts with ``gid:``, in drawing order.

    >>> from matplotlib.figure import Figure
    >>> ax = Figure().add_subplot()
    >>> _ = ax.plot([0, 1], [0, 1], gid="status:ahead")
    >>> [a.get_gid() for a in artists(ax, "status")]
    ['status:ahead']
    """
    prefix = gid + ":"
    return [
        a
        for a in ax.get_children()
        if (g := a.get_gid()) is not None and (g == gid or g.startswith(prefix))
    ]


#: Fonts with Thai letters, most preferred first (Google/Adobe, Windows, macOS, then the TLWG
#: fonts of Linux distributions): the first one matplotlib knows backs up the text font.
THAI_FONTS: Final = (
    "Noto Sans Thai",
    "Noto Sans Thai Looped",
    "Sarabun",
    "TH Sarabun New",
    "Leelawadee UI",
    "Tahoma",
    "Thonburi",
    "Loma",
    "Garuda",
    "Waree",
    "Norasi",
    "Kinnari",
    "Tlwg Typo",
)
_THAI = re.compile("[\u0e00-\u0e7f]")


def thai_font() -> str | None:
    """The first font of :data:`THAI_FONTS` that matplotlib knows, or None.

    Asked at each chart, so that a font added with
    ``matplotlib.font_manager.fontManager.addfont(path)`` is used from then on.
    """
    known = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in THAI_FONTS if name in known), None)


def _check_lang(lang: object) -> dict[str, str]:
    if not isinstance(lang, str) or lang not in _TEXT:
        msg = f"lang must be 'en' or 'th', not {lang!r}"
        raise InvalidValueError(msg)
    if lang == "th" and thai_font() is None:
        msg = (
            "lang='th' needs a font with Thai letters, and matplotlib knows none of "
            f"{', '.join(THAI_FONTS[:3])}…: install one (Debian/Ubuntu: apt install "
            "fonts-thai-tlwg), then delete matplotlib's fontlist-*.json cache, or call "
            "matplotlib.font_manager.fontManager.addfont(path); see the docs page Plots"
        )
        raise InvalidValueError(msg)
    return _TEXT[lang]


def _use_fonts(ax: Axes) -> None:
    """Let every text of ``ax`` take Thai letters from the Thai font, the rest from the usual one.

    matplotlib (3.6 and later) falls back glyph by glyph along a list of named
    families; the list is set on the texts of this chart only, not globally.
    """
    thai = thai_font()
    if thai is None:
        return
    base = font_manager.FontProperties(family=mpl.rcParams["font.family"]).get_name()
    families = [base, thai] if base != thai else [thai]
    for t in ax.findobj(Text):
        t.set_fontfamily(families)
    ax.tick_params(labelfontfamily=families)


def _axes(ax: object, who: str) -> Axes:
    if ax is None:
        return Figure(figsize=_FIGSIZE, layout="constrained").add_subplot()
    if not isinstance(ax, Axes):
        msg = (
            f"{who}() ax must be a matplotlib Axes or None (a new figure), not {type(ax).__name__}"
        )
        raise InvalidTypeError(msg)
    return ax


def _config(config: object, who: str) -> RuleConfig | None:
    if config is not None and not isinstance(config, RuleConfig):
        msg = f"{who}() config must be a RuleConfig or None, not {type(config).__name__}"
        raise InvalidTypeError(msg)
    return config


def _note(ax: Axes, notes: list[str]) -> None:
    if notes:
        ax.text(
            0.01,
            0.98,
            "\n".join(notes),
            transform=ax.transAxes,
            ha="left",
            va="top",
            fontsize=8,
            color="#444444",
            gid="note",
            bbox={"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": "#cccccc"},
            zorder=5,
        )


def _shorten(text: str, width: int) -> str:
    """``text`` on one line, cut to ``width`` letters with "…".

    Thai vowel and tone marks above and below a letter take no width of their
    own: they are not counted, and a cut never separates them from their letter.

    >>> _shorten("ดูแลนักเรียนที่หลุดจากระบบการศึกษา", 8)
    'ดูแลนักเรี…'
    """
    text = " ".join(text.split())
    seen = 0
    for i, char in enumerate(text):
        if unicodedata.category(char).startswith("M"):
            continue
        if seen == width - 1 and _width(text[i:]) > 1:
            return text[:i].rstrip() + "…"
        seen += 1
    return text


def _width(text: str) -> int:
    return sum(not unicodedata.category(c).startswith("M") for c in text)


# --- dates on the x axis ------------------------------------------------------------------------


def _num(d: _dt.date) -> float:
    return float(_mdates.date2num(d))


def _date(x: float) -> _dt.date | None:
    try:
        day: _dt.date = _mdates.num2date(x).date()
    except (ValueError, OverflowError):
        return None
    return day


def be_tick(x: float, lang: Lang = "en") -> str:
    """A tick label in the Buddhist era for the matplotlib date number ``x``.

    A tick on the first of a month names the month (``01/2566``, Thai
    ``ม.ค. 66``); any other day is written in full (``31/01/2566``, Thai
    ``31 ม.ค. 66``). Outside matplotlib's date range: ``""``.
    """
    d = _date(x)
    if d is None:
        return ""
    if lang == "th":
        if d.day == 1:
            return f"{MONTHS_SHORT[d.month - 1]} {(d.year + BE_OFFSET) % 100:02d}"
        return format_date(d, "short")
    if d.day == 1:
        return f"{d.month:02d}/{d.year + BE_OFFSET}"
    return format_date(d)


def _date_axis(ax: Axes, lang: Lang) -> None:
    ax.xaxis.set_major_locator(_mdates.AutoDateLocator(minticks=3, maxticks=9))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: be_tick(x, lang)))


def _quarters(lo: _dt.date, hi: _dt.date) -> Iterable[tuple[FiscalYear, int, _dt.date, _dt.date]]:
    """The fiscal quarters that meet [lo, hi]: (year, quarter, first day, last day)."""
    fy = FiscalYear.of(lo)
    q = fy.quarter(lo)
    while True:
        try:
            first, last = fy.quarter_start(q), fy.quarter_end(q)
        except ThaiDateError:  # a quarter that starts before CE 1 or ends after 9999
            return
        if first > hi:
            return
        yield fy, q, first, last
        if last >= hi:
            return
        fy, q = (FiscalYear(fy.be_year + 1), 1) if q == 4 else (fy, q + 1)


def _quarter_count(lo: _dt.date, hi: _dt.date) -> int:
    return ((hi.year - lo.year) * 12 + hi.month - lo.month) // 3 + 2


def _shade_quarters(ax: Axes, lo: float, hi: float, text: dict[str, str], notes: list[str]) -> None:
    lo_day, hi_day = _date(lo), _date(hi)
    if lo_day is None or hi_day is None:
        return
    n = _quarter_count(lo_day, hi_day)
    if n > MAX_QUARTERS:
        notes.append(text["many_quarters"].format(n=n))
        return
    width = hi - lo
    band = ax.get_xaxis_transform()  # x in data, y in axes fraction
    for fy, q, first, last in _quarters(lo_day, hi_day):
        left = max(_num(first), lo)
        right = min(_num(last + _ONE_DAY) if last < _LAST_DAY else _num(last), hi)
        shade = _QUARTER_SHADES[(fy.be_year * 4 + q) % 2]
        ax.axvspan(left, right, facecolor=shade, edgecolor="none", zorder=0, gid="quarter")
        if right - left >= 0.06 * width:
            ax.text(
                (left + right) / 2,
                1.01,
                text["quarter"].format(q=q, year=fy.be_year),
                transform=band,
                ha="center",
                va="bottom",
                fontsize=7,
                color="#555555",
                gid="quarter-label",
            )


# --- plot_progress ------------------------------------------------------------------------------


def _points(project: Project) -> list[tuple[_dt.date, float, ProgressReport]]:
    """Reports with a date and a progress, in date order (then report number, then position)."""
    points = [
        (r.date, float(r.progress), r, i)
        for i, r in enumerate(project.reports)
        if r.date is not None and r.progress is not None
    ]
    points.sort(key=lambda p: (p[0], p[2].number, p[3]))
    return [(day, value, r) for day, value, r, _ in points]


def _findings(
    project: Project,
    findings: object,
    as_of: _dt.date | None,
    config: RuleConfig | None,
) -> list[Finding]:
    if findings is None:
        return list(validate(project, config=config, select=ANNOTATED_CODES, as_of=as_of))
    if isinstance(findings, str | bytes) or not isinstance(findings, Iterable):
        msg = (
            "plot_progress() findings must be Findings (such as validate(project)) or None, "
            f"not {type(findings).__name__}"
        )
        raise InvalidTypeError(msg)
    out: list[Finding] = []
    for i, f in enumerate(findings):
        if not isinstance(f, Finding):
            msg = f"plot_progress() findings[{i}] is a {type(f).__name__}, not a Finding"
            raise InvalidTypeError(msg)
        if f.code in ANNOTATED_CODES:
            out.append(f)
    return out


def _annotate(
    ax: Axes, project: Project, findings: list[Finding], text: dict[str, str], notes: list[str]
) -> None:
    stacked: dict[int, int] = {}
    for f in findings:
        m = _REPORT_INDEX.search(f.path)
        index = int(m.group(1)) if m else -1
        report = project.reports[index] if 0 <= index < len(project.reports) else None
        if report is None or report.date is None or report.progress is None:
            notes.append(text["unplaced"].format(code=f.code, path=f.path or "-"))
            continue
        y = float(report.progress)
        k = stacked.get(index, 0)
        stacked[index] = k + 1
        sign = -1 if y > 50 else 1
        colour = _FINDING_COLOUR.get(f.code, "black")
        ax.annotate(
            f.code,
            xy=(_num(report.date), y),
            xytext=(12, sign * (28 + 14 * k)),
            textcoords="offset points",
            ha="left",
            va="center",
            fontsize=8,
            fontweight="bold",
            color=colour,
            arrowprops={"arrowstyle": "->", "color": colour, "shrinkB": 4},
            bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": colour},
            gid="finding",
            zorder=6,
            annotation_clip=False,
        )


def _draw_points(
    ax: Axes,
    project: Project,
    points: list[tuple[_dt.date, float, ProgressReport]],
    text: dict[str, str],
    notes: list[str],
) -> None:
    if not project.reports:
        notes.append(text["no_reports"])
    elif not points:
        notes.append(text["no_points"].format(n=len(project.reports)))
    elif len(points) == 1:
        notes.append(text["one_point"])
    xs = [_num(day) for day, _, _ in points]
    ys = [value for _, value, _ in points]
    if points:
        ax.plot(
            xs, ys, color="#386cb0", linewidth=1.5, zorder=3, gid="progress", label=text["progress"]
        )
    for status, (value, marker, colour, filled) in _STATUS_STYLE.items():
        chosen = [
            (x, y)
            for x, y, (_, _, r) in zip(xs, ys, points, strict=True)
            if r.plan_status is status
        ]
        if chosen:
            ax.plot(
                [x for x, _ in chosen],
                [y for _, y in chosen],
                linestyle="none",
                marker=marker,
                markersize=7,
                markerfacecolor=colour if filled else "white",
                markeredgecolor=colour,
                markeredgewidth=1.5,
                zorder=4,
                clip_on=False,
                gid=f"status:{value}",
                label=text[f"status:{value}"],
            )


def _draw_plan(ax: Axes, project: Project, text: dict[str, str], notes: list[str]) -> None:
    start, end = project.start, project.end
    if start is not None and end is not None and start < end:
        ax.plot(
            [_num(start), _num(end)],
            [0, 100],
            linestyle="--",
            color="#777777",
            linewidth=1.2,
            zorder=2,
            gid="plan",
            label=text["plan"],
        )
    elif start is None or end is None:
        notes.append(text["no_plan_dates"])
    else:
        notes.append(text["no_plan_order"])


def _draw_time(
    ax: Axes,
    project: Project,
    days: list[_dt.date],
    *,
    lang: Lang,
    text: dict[str, str],
    notes: list[str],
) -> None:
    """The x range (report dates, start and end; else the fiscal year), quarters and ticks."""
    days = days + [d for d in (project.start, project.end) if d is not None]
    if not days and project.fiscal_year is not None:
        days = [project.fiscal_year.start, project.fiscal_year.end]
    if not days:
        notes.append(text["no_dates"])
        ax.set_xticks([])
        return
    lo, hi = _num(min(days)), _num(max(days))
    pad = max(7.0, 0.03 * (hi - lo))
    lo, hi = max(lo - pad, _num(_FIRST_DAY)), min(hi + pad, _num(_LAST_DAY))
    _shade_quarters(ax, lo, hi, text, notes)
    ax.set_xlim(lo, hi)
    _date_axis(ax, lang)


def _title(project: Project, untitled: str) -> str:
    code, name = project.code.strip(), _shorten(project.name, _TITLE_LENGTH)
    if _THAI.search(name) and thai_font() is None:
        name = ""  # boxes for letters say nothing: the code names the project
    return "  ".join(part for part in (code, name) if part) or untitled


def plot_progress(
    project: Project,
    *,
    findings: Findings | Iterable[Finding] | None = None,
    ax: Axes | None = None,
    lang: Lang = "en",
    as_of: _dt.date | None = None,
    config: RuleConfig | None = None,
) -> Axes:
    """Chart the reported cumulative progress of ``project`` against its plan.

    - Points: each report with a date and a progress, in date order, joined by
      a line; each point is marked by its plan status (ahead, on plan, behind,
      not stated; see the legend).
    - The plan: a dashed straight line from 0 % at ``project.start`` to 100 %
      at ``project.end``, when both are known and the start comes first (the
      linear baseline of rule R006).
    - Fiscal quarters (Q1 = October–December) shaded alternately, labelled
      ``Q1 FY2566`` (BE year) above the plot.
    - Findings of R003 (progress goes down) and R006 (on plan, yet far from the
      schedule) annotated with their code at the report they concern (the
      ``reports[i]`` in their path). ``findings`` defaults to
      ``validate(project, select=["R003", "R006"], as_of=as_of, config=config)``;
      findings of other rules are ignored, and one that names no report on
      the chart is listed in a note.
    - x axis: dates with Buddhist-era tick labels (:func:`be_tick`); y axis:
      0–100 %. Title: the project code and its name, shortened.

    A project without reports, without dates or with a single report is drawn
    with a note in the corner saying what is missing. ``ax`` is drawn on, or a
    new :class:`~matplotlib.figure.Figure` (10 × 5 inches, constrained layout)
    is made. ``lang="th"`` writes the labels in Thai. Thai letters come from
    the first installed font of :data:`THAI_FONTS` (:func:`thai_font`), the
    rest from your usual font; without any, an English chart leaves a Thai
    project name out of its title (the code names the project) and
    ``lang="th"`` is refused (see the docs page "Plots").

    Raises :class:`~dropout_model.errors.InvalidTypeError` for an argument of
    the wrong type and :class:`~dropout_model.errors.InvalidValueError` for an
    unknown ``lang``, or ``"th"`` without a Thai font.
    """
    value: object = project  # callers without type checking may pass anything
    if not isinstance(value, Project):
        msg = f"plot_progress() takes a Project, not {type(value).__name__}"
        raise InvalidTypeError(msg)
    text = _check_lang(lang)
    cfg = _config(config, "plot_progress")
    wanted = _findings(project, findings, as_of, cfg)
    ax = _axes(ax, "plot_progress")
    notes: list[str] = []
    points = _points(project)
    _draw_points(ax, project, points, text, notes)
    _draw_plan(ax, project, text, notes)
    _draw_time(ax, project, [day for day, _, _ in points], lang=lang, text=text, notes=notes)
    _annotate(ax, project, wanted, text, notes)
    ax.set_ylim(0, 100)
    ax.set_yticks([0, 25, 50, 75, 100])
    ax.yaxis.set_major_formatter(PercentFormatter(100, decimals=0))
    ax.grid(axis="y", color="#dddddd", linewidth=0.6, zorder=1)
    ax.set_axisbelow(True)
    ax.set_xlabel(text["xlabel"])
    ax.set_ylabel(text["ylabel"])
    ax.set_title(_title(project, text["untitled"]), loc="left", pad=18)
    _note(ax, notes)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    _use_fonts(ax)
    return ax


# --- plot_caseload ------------------------------------------------------------------------------


def _latest(assessments: Iterable[RiskAssessment]) -> RiskAssessment | None:
    """The assessment with the latest date; of two on one day, the later in the caseload."""
    latest: RiskAssessment | None = None
    for a in assessments:
        if latest is None or a.date >= latest.date:
            latest = a
    return latest


def risk_level_of(
    caseload: Caseload, student_key: str, thresholds: RiskThresholds | None = None
) -> RiskLevel | None:
    """The risk level :func:`plot_caseload` counts a student under, or None if never assessed.

    The latest assessment decides (of two on one day, the later in the
    caseload): its recorded level, else the level its indicators imply
    (:func:`~dropout_model.risk.derive_risk_level` under ``thresholds``).
    """
    latest = _latest(caseload.assessments_of(student_key))
    if latest is None:
        return None
    return latest.level if latest.level is not None else derive_risk_level(latest, thresholds)


def _label(text: str, lang: Lang) -> str:
    # Thai is written without spaces between words: wrap only the English labels.
    return textwrap.fill(text, 14, break_long_words=False) if lang == "en" else text


def plot_caseload(
    caseload: Caseload,
    *,
    ax: Axes | None = None,
    lang: Lang = "en",
    config: RuleConfig | None = None,
) -> Axes:
    """Chart the students of ``caseload`` by pathway, stacked by risk level, with counts.

    One bar per :class:`~dropout_model.student.PathwayKind`, in the enum's
    order, then one for students without a pathway. Each bar is stacked from
    the bottom by risk level: normal, at risk, problem, not assessed (one
    :class:`~matplotlib.container.BarContainer` per level, in that order,
    their patches with gid ``risk:<level>``). A student's level comes from
    their latest assessment (:func:`risk_level_of`; thresholds from
    ``config.risk``, default :class:`~dropout_model.rules.RuleConfig`). A
    segment shows its count when it is tall enough to hold it (5 % of the y
    axis), and each bar shows its total on top.

    Only counts and category labels are drawn: no name, ID or key. An empty
    caseload draws empty bars and a note. ``ax`` and ``lang`` are as in
    :func:`plot_progress`.
    """
    value: object = caseload  # callers without type checking may pass anything
    if not isinstance(value, Caseload):
        msg = f"plot_caseload() takes a Caseload, not {type(value).__name__}"
        raise InvalidTypeError(msg)
    text = _check_lang(lang)
    cfg = _config(config, "plot_caseload")
    thresholds = cfg.risk if cfg is not None else None
    ax = _axes(ax, "plot_caseload")

    groups: list[PathwayKind | None] = [*PathwayKind, None]
    counts: dict[RiskLevel | None, list[int]] = {level: [0] * len(groups) for level in _RISK_LEVELS}
    column = {kind: i for i, kind in enumerate(groups)}
    for s in caseload.students:
        level = risk_level_of(caseload, s.key, thresholds)
        counts[level][column[s.pathway.kind if s.pathway is not None else None]] += 1

    xs = list(range(len(groups)))
    totals = [sum(counts[level][i] for level in _RISK_LEVELS) for i in xs]
    top = max(max(totals) * 1.15, 1.0)
    bottom = [0] * len(groups)
    container: BarContainer | None = None
    for level in _RISK_LEVELS:
        heights = counts[level]
        value = level.value if level is not None else "not_assessed"
        label = (
            (level.label_th if lang == "th" else level.label_en)
            if level is not None
            else text["not_assessed"]
        )
        container = ax.bar(
            xs,
            heights,
            bottom=bottom,
            color=_RISK_COLOUR[level],
            edgecolor="white",
            linewidth=0.8,
            label=label,
            gid=f"risk:{value}",
            zorder=2,
        )
        for t in ax.bar_label(
            container,
            # A segment too thin to hold its count shows none; the total on top still counts it.
            labels=[str(h) if h and h >= _THIN * top else "" for h in heights],
            label_type="center",
            fontsize=8,
        ):
            t.set_gid("count")
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    assert container is not None  # _RISK_LEVELS is not empty
    for t in ax.bar_label(container, labels=[str(b) for b in bottom], padding=2, fontsize=9):
        t.set_gid("count")

    names = [
        (kind.label_th if lang == "th" else kind.label_en)
        if kind is not None
        else text["no_pathway"]
        for kind in groups
    ]
    ax.set_xticks(xs, labels=[_label(n, lang) for n in names], fontsize=8)
    ax.set_ylim(0, top)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="y", color="#dddddd", linewidth=0.6, zorder=1)
    ax.set_axisbelow(True)
    ax.set_xlabel(text["c_xlabel"])
    ax.set_ylabel(text["c_ylabel"])
    title = text["c_title"].format(n=len(caseload.students))
    if caseload.project is not None and caseload.project.code.strip():
        title = f"{caseload.project.code.strip()}  {title}"
    ax.set_title(title)
    _note(ax, [] if caseload.students else [text["no_students"]])
    ax.legend(
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        fontsize=8,
        frameon=False,
        title=text["c_legend"],
        title_fontsize=8,
    )
    _use_fonts(ax)
    return ax
