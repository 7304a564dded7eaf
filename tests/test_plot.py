"""dropout_model.plot: progress and caseload charts, checked through their artists and pixels."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")  # no window, ever; set before anything could import pyplot

import datetime as dt
import io
import itertools
import os
import re
import subprocess
import sys
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib import dates as _dates
from matplotlib.figure import Figure
from matplotlib.image import imread
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Annotation, Text

from dropout_model import plot
from dropout_model.caseload import Caseload
from dropout_model.errors import DropoutModelError, InvalidTypeError, InvalidValueError
from dropout_model.findings import Finding, Findings, Severity
from dropout_model.plot import (
    ANNOTATED_CODES,
    MAX_QUARTERS,
    Lang,
    artists,
    be_tick,
    plot_caseload,
    plot_progress,
    risk_level_of,
)
from dropout_model.printout import read_printout, sample_path
from dropout_model.project import PlanStatus, ProgressReport, Project
from dropout_model.risk import RiskAssessment, RiskLevel, RiskThresholds, derive_risk_level
from dropout_model.rules import RuleConfig, validate
from dropout_model.strategies import caseloads, projects, violating
from dropout_model.student import Pathway, PathwayKind, Student
from dropout_model.thaidate import FiscalYear

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes

#: matplotlib.dates has no type hints.
mdates: Any = _dates

D = dt.date
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

#: Charts in Thai need a Thai font. CI installs one (.ci/run) and sets CI, so there the test
#: fails without it; on a machine without one, it is skipped. No test filters matplotlib's
#: missing-glyph warning: a chart that draws boxes for Thai letters fails.
NEEDS_THAI_FONT = pytest.mark.skipif(
    plot.thai_font() is None and not os.environ.get("CI"),
    reason="no Thai font installed (apt install fonts-thai-tlwg)",
)

#: Few examples: each one builds a matplotlib figure.
FIGURES = settings(max_examples=15)


def num(d: dt.date) -> float:
    return float(mdates.date2num(d))


def rep(
    number: int,
    day: dt.date | None,
    progress: int | None,
    status: PlanStatus | None = PlanStatus.ON_PLAN,
) -> ProgressReport:
    value = Decimal(progress) if progress is not None else None
    return ProgressReport(number, day, "อยู่ระหว่างดำเนินการ", value, None, status)


#: FY 2566 from its first to its last day, one report a quarter on the linear schedule.
BASE = Project(
    "50490000-3632",
    "Dropout care",
    fiscal_year=FiscalYear(2566),
    start=D(2022, 10, 1),
    end=D(2023, 9, 30),
    reports=(
        rep(1, D(2022, 12, 15), 20),
        rep(2, D(2023, 3, 15), 45, PlanStatus.AHEAD),
        rep(3, D(2023, 6, 15), 70, PlanStatus.BEHIND),
        rep(4, D(2023, 9, 15), 100, None),
    ),
)


def figure_of(ax: Axes) -> Figure:
    fig = ax.get_figure(root=True)
    assert isinstance(fig, Figure)
    return fig


def render(ax: Axes) -> np.ndarray[Any, Any]:
    """The figure of ``ax`` as PNG bytes read back: rows × columns × RGBA, floats 0–1."""
    buf = io.BytesIO()
    fig = figure_of(ax)
    fig.set_dpi(50)  # small and quick; every check below is in this figure's pixels
    fig.savefig(buf, format="png", dpi=50)
    data = buf.getvalue()
    assert data.startswith(PNG_SIGNATURE)
    image: np.ndarray[Any, Any] = imread(io.BytesIO(data))
    assert image.ndim == 3
    return image


def plot_area(ax: Axes, image: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """The pixels inside the axes (display y counts from the bottom, image rows from the top)."""
    box = ax.get_window_extent()
    height = image.shape[0]
    area: np.ndarray[Any, Any] = image[
        round(height - box.y1) : round(height - box.y0), round(box.x0) : round(box.x1), :3
    ]
    return area


def coloured(area: np.ndarray[Any, Any]) -> int:
    """How many pixels have a colour (background, bands, grid and text are all grey)."""
    return int(((area.max(axis=2) - area.min(axis=2)) > 0.2).sum())


def assert_not_blank(ax: Axes) -> None:
    image = render(ax)
    assert image[..., :3].var() > 0
    area = plot_area(ax, image)
    assert area.size > 0
    assert (area < 0.99).any(), "the plot area is all white"
    assert coloured(area) > 0, "no line, point or bar is drawn in the plot area"


def texts(ax: Axes) -> list[str]:
    """Every piece of text of the figure: title, labels, ticks, legend, notes, annotations."""
    return [t.get_text() for t in figure_of(ax).findobj(Text)]


def lines(ax: Axes, gid: str) -> list[Line2D]:
    found = artists(ax, gid)
    assert all(isinstance(a, Line2D) for a in found)
    return [a for a in found if isinstance(a, Line2D)]


def values(data: object) -> list[float]:
    out: list[float] = np.asarray(data, dtype=float).tolist()
    return out


def xy(line: Line2D) -> list[tuple[float, float]]:
    return list(zip(values(line.get_xdata()), values(line.get_ydata()), strict=True))


def count(markers: list[Line2D]) -> int:
    return sum(len(values(m.get_xdata())) for m in markers)


def legend_texts(ax: Axes) -> list[str]:
    legend = ax.get_legend()
    assert legend is not None
    return [t.get_text() for t in legend.get_texts()]


def note(ax: Axes) -> str:
    found = artists(ax, "note")
    assert len(found) == 1
    assert isinstance(found[0], Text)
    return found[0].get_text()


def report_index(path: str) -> int:
    m = re.fullmatch(r"reports\[(\d+)\]\.\w+", path)
    assert m, path
    return int(m.group(1))


def annotated(ax: Axes) -> list[tuple[str, tuple[float, float]]]:
    found: list[Artist] = artists(ax, "finding")
    assert all(isinstance(a, Annotation) for a in found)
    return sorted(
        (a.get_text(), (float(a.xy[0]), float(a.xy[1]))) for a in found if isinstance(a, Annotation)
    )


def expected_annotations(p: Project, findings: Findings) -> list[tuple[str, tuple[float, float]]]:
    out = []
    for f in findings:
        if f.code not in {"R003", "R006"}:
            continue
        r = p.reports[report_index(f.path)]
        assert r.date is not None
        assert r.progress is not None
        out.append((f.code, (num(r.date), float(r.progress))))
    return sorted(out)


# --- plot_progress: points, plan, axes --------------------------------------------------------


@st.composite
def gappy_projects(draw: st.DrawFn) -> Project:
    """Projects whose reports sometimes lack a date or a progress, with any plan status."""
    p = draw(projects(max_reports=6))
    reports = [
        attrs.evolve(
            r,
            date=None if draw(st.integers(0, 3)) == 0 else r.date,
            progress=None if draw(st.integers(0, 3)) == 0 else r.progress,
            plan_status=draw(st.sampled_from([None, *PlanStatus])),
        )
        for r in p.reports
    ]
    return attrs.evolve(p, reports=tuple(reports))


@FIGURES
@given(gappy_projects())
def test_one_point_per_report_with_date_and_progress(p: Project) -> None:
    ax = plot_progress(p, findings=Findings())
    plotted = [
        (r.date, r.progress, r.plan_status)
        for r in p.reports
        if r.date is not None and r.progress is not None
    ]
    markers = lines(ax, "status")
    assert count(markers) == len(plotted)
    for status, gid in [
        (PlanStatus.AHEAD, "status:ahead"),
        (PlanStatus.ON_PLAN, "status:on_plan"),
        (PlanStatus.BEHIND, "status:behind"),
        (None, "status:not_stated"),
    ]:
        want = sorted((num(d), float(v)) for d, v, s in plotted if s is status)
        got = sorted(pair for m in lines(ax, gid) for pair in xy(m))
        assert got == want, gid
    styles = {(m.get_marker(), m.get_markerfacecolor()) for m in markers}
    assert len(styles) == len(markers), "each plan status needs its own marker"
    progress = lines(ax, "progress")
    if plotted:
        (line,) = progress
        assert sorted(xy(line)) == sorted((num(d), float(v)) for d, v, _ in plotted)
        xs = [x for x, _ in xy(line)]
        assert xs == sorted(xs), "the line joins the reports in date order"
    else:
        assert progress == []
    # projects() gives start < end: the plan runs from (start, 0 %) to (end, 100 %).
    assert p.start is not None
    assert p.end is not None
    (plan,) = lines(ax, "plan")
    assert xy(plan) == [(num(p.start), 0.0), (num(p.end), 100.0)]
    assert ax.get_ylim() == (0.0, 100.0)
    left, right = ax.get_xlim()
    assert left <= num(p.start)
    assert right >= num(p.end)
    assert p.coordinator not in "\n".join(texts(ax))


@settings(max_examples=5)
@given(st.one_of(projects(min_reports=2, max_reports=8), violating("R003")))
def test_png_is_a_real_picture(p: Project) -> None:
    ax = plot_progress(p)
    assert_not_blank(ax)
    assert p.coordinator not in "\n".join(texts(ax)), "a person's name is on the chart"


def test_base_project_chart() -> None:
    ax = plot_progress(BASE)
    assert ax.get_title() == ""  # the title is set on the left, next to the axes' corner
    assert ax.get_title(loc="left") == "50490000-3632  Dropout care"
    assert artists(ax, "finding") == []
    assert artists(ax, "note") == []
    assert [len(values(m.get_xdata())) for m in lines(ax, "status")] == [1, 1, 1, 1]
    labels = set(legend_texts(ax))
    assert {"ahead of plan", "on plan", "behind plan", "plan status not stated"} <= labels
    assert_not_blank(ax)


def test_line_joins_reports_in_date_order_whatever_their_order() -> None:
    # Report 2 is dated before report 1 (rule R002): the line still runs left to right.
    p = attrs.evolve(
        BASE,
        reports=(rep(1, D(2023, 3, 1), 40), rep(2, D(2023, 1, 1), 20), rep(3, D(2023, 6, 1), 60)),
    )
    (line,) = lines(plot_progress(p), "progress")
    assert xy(line) == [
        (num(D(2023, 1, 1)), 20.0),
        (num(D(2023, 3, 1)), 40.0),
        (num(D(2023, 6, 1)), 60.0),
    ]


def test_x_ticks_are_buddhist_era() -> None:
    ax = plot_progress(BASE)
    render(ax)
    ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert ticks
    for tick in ticks:
        m = re.fullmatch(r"(?:\d{2}/)?(\d{2})/(\d{4})", tick)
        assert m, tick
        assert 1 <= int(m.group(1)) <= 12
        assert int(m.group(2)) in {2565, 2566}, "CE 2022–2023 is BE 2565–2566"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["0%", "25%", "50%", "75%", "100%"]


@pytest.mark.parametrize(
    ("day", "lang", "text"),
    [
        (D(2023, 1, 1), "en", "01/2566"),
        (D(2023, 1, 31), "en", "31/01/2566"),
        (D(2022, 10, 1), "en", "10/2565"),
        (D(2023, 1, 1), "th", "ม.ค. 66"),
        (D(2023, 1, 31), "th", "31 ม.ค. 66"),
        (D(2024, 12, 1), "th", "ธ.ค. 67"),
    ],
)
def test_be_tick(day: dt.date, lang: Lang, text: str) -> None:
    assert be_tick(num(day), lang) == text


def test_be_tick_outside_the_date_range_is_empty() -> None:
    assert be_tick(1e9) == ""
    assert be_tick(-1e9) == ""


def test_axis_uses_the_be_formatter() -> None:
    ax = plot_progress(BASE)
    formatter = ax.xaxis.get_major_formatter()
    assert formatter(num(D(2023, 4, 1))) == "04/2566"


# --- fiscal quarters ----------------------------------------------------------------------------


def spans(ax: Axes) -> list[Rectangle]:
    found = artists(ax, "quarter")
    assert all(isinstance(a, Rectangle) for a in found)
    return sorted((a for a in found if isinstance(a, Rectangle)), key=lambda r: r.get_x())


def quarter_labels(ax: Axes) -> list[str]:
    return [a.get_text() for a in artists(ax, "quarter-label") if isinstance(a, Text)]


def test_quarters_of_fy2566_are_shaded_alternately_and_labelled() -> None:
    ax = plot_progress(BASE)
    assert quarter_labels(ax) == ["Q1 FY2566", "Q2 FY2566", "Q3 FY2566", "Q4 FY2566"]
    bands = spans(ax)
    edges = {round(b.get_x(), 6) for b in bands} | {
        round(b.get_x() + b.get_width(), 6) for b in bands
    }
    # Fiscal quarters begin on 1 October, 1 January, 1 April and 1 July.
    for first in (D(2022, 10, 1), D(2023, 1, 1), D(2023, 4, 1), D(2023, 7, 1), D(2023, 10, 1)):
        assert round(num(first), 6) in edges, first
    left, right = ax.get_xlim()
    assert bands[0].get_x() == pytest.approx(left)
    assert bands[-1].get_x() + bands[-1].get_width() == pytest.approx(right)
    for a, b in itertools.pairwise(bands):
        assert a.get_x() + a.get_width() == pytest.approx(b.get_x()), "bands leave no gap"
        assert a.get_facecolor() != b.get_facecolor(), "neighbouring quarters differ"


def test_quarter_labels_follow_the_fiscal_year_across_new_year() -> None:
    p = attrs.evolve(
        BASE,
        fiscal_year=FiscalYear(2567),
        start=D(2023, 8, 1),
        end=D(2024, 2, 28),
        reports=(rep(1, D(2023, 9, 1), 10), rep(2, D(2024, 1, 15), 60)),
    )
    ax = plot_progress(p)
    assert quarter_labels(ax) == ["Q4 FY2566", "Q1 FY2567", "Q2 FY2567"]


def test_a_century_long_axis_has_no_quarter_bands() -> None:
    # A report typed with the BE year as a CE year: 543 years apart.
    p = attrs.evolve(BASE, reports=(*BASE.reports, rep(5, D(2566, 9, 15), 100)))
    ax = plot_progress(p)
    assert spans(ax) == []
    assert "quarter" in note(ax)
    assert len(lines(ax, "status")) == 4
    assert_not_blank(ax)


def test_quarter_limit_is_the_documented_one() -> None:
    four_years = plot_progress(attrs.evolve(BASE, end=D(2026, 9, 30)))
    assert 16 <= len(spans(four_years)) <= MAX_QUARTERS
    assert artists(four_years, "note") == []
    eight_years = plot_progress(attrs.evolve(BASE, end=D(2030, 9, 30)))
    assert spans(eight_years) == []
    assert "quarter bands left out" in note(eight_years)


def test_extreme_dates_do_not_crash() -> None:
    p = Project(
        "x", "y", start=D(1, 1, 1), end=D(9999, 12, 31), reports=(rep(1, D(9999, 12, 31), 5),)
    )
    ax = plot_progress(p)
    render(ax)
    assert len(lines(ax, "plan")) == 1


# --- findings -----------------------------------------------------------------------------------


@FIGURES
@given(st.one_of(violating("R003"), violating("R006")))
def test_annotations_are_the_r003_and_r006_findings(p: Project) -> None:
    findings = validate(p, select=["R003", "R006"])
    assert findings.codes & {"R003", "R006"}
    ax = plot_progress(p)
    assert annotated(ax) == expected_annotations(p, findings)


@pytest.mark.parametrize("copy", [0, 1])
def test_sample_printout(copy: int) -> None:
    p = read_printout(sample_path()).copies[copy]
    ax = plot_progress(p)
    assert annotated(ax) == expected_annotations(p, validate(p))
    # The sample ends (2022-09-30) the day before it starts: no plan line, a note instead.
    assert lines(ax, "plan") == []
    assert "no planned line" in note(ax)
    dated = [r for r in p.reports if r.date is not None and r.progress is not None]
    assert count(lines(ax, "status")) == len(dated) == 9
    assert_not_blank(ax)


def test_r003_is_marked_at_the_report_that_goes_down() -> None:
    p = attrs.evolve(
        BASE,
        reports=(
            rep(1, D(2022, 12, 15), 20),
            rep(2, D(2023, 3, 15), 60),
            rep(3, D(2023, 6, 15), 55),
        ),
    )
    ax = plot_progress(p)
    assert annotated(ax) == [("R003", (num(D(2023, 6, 15)), 55.0))]


def test_r006_is_marked_at_the_report_far_from_the_schedule() -> None:
    # On plan at 90 % a quarter into the year: about 25 % of the period has passed.
    p = attrs.evolve(BASE, reports=(rep(1, D(2022, 12, 31), 90), rep(2, D(2023, 6, 30), 90)))
    ax = plot_progress(p)
    assert annotated(ax) == [("R006", (num(D(2022, 12, 31)), 90.0))]


def test_two_findings_at_one_report_get_two_annotations() -> None:
    p = attrs.evolve(BASE, reports=(rep(1, D(2023, 8, 31), 90), rep(2, D(2023, 9, 1), 5)))
    ax = plot_progress(p)
    at = (num(D(2023, 9, 1)), 5.0)
    assert annotated(ax) == [("R003", at), ("R006", at)]
    found = [a for a in artists(ax, "finding") if isinstance(a, Annotation)]
    assert found[0].xyann != found[1].xyann, "stacked, not on top of each other"


def finding(code: str, path: str, severity: Severity = Severity.ERROR) -> Finding:
    return Finding(code, severity, path, "a test finding", "ข้อค้นพบทดสอบ")


def test_callers_findings_only_r003_and_r006_are_drawn() -> None:
    own = Findings(
        [
            finding("P002", "end"),
            finding("R003", "reports[1].progress"),
            finding("R004", "reports[2].date", Severity.WARNING),
            finding("R006", "reports[3].plan_status", Severity.INFO),
        ]
    )
    ax = plot_progress(BASE, findings=own)
    assert ANNOTATED_CODES == ("R003", "R006")
    assert annotated(ax) == [
        ("R003", (num(D(2023, 3, 15)), 45.0)),
        ("R006", (num(D(2023, 9, 15)), 100.0)),
    ]


def test_findings_of_a_caseload_name_the_report_under_project() -> None:
    own = [finding("R003", "project.reports[2].progress")]
    ax = plot_progress(BASE, findings=own)
    assert annotated(ax) == [("R003", (num(D(2023, 6, 15)), 70.0))]


def test_a_finding_that_names_no_report_on_the_chart_goes_to_the_note() -> None:
    p = attrs.evolve(BASE, reports=(*BASE.reports, rep(5, None, 100)))
    own = [finding("R003", "reports[9].progress"), finding("R006", "reports[4].plan_status")]
    ax = plot_progress(p, findings=own)
    assert artists(ax, "finding") == []
    assert "R003 at reports[9].progress" in note(ax)
    assert "R006 at reports[4].plan_status" in note(ax)


def test_empty_findings_draw_no_annotation() -> None:
    p = attrs.evolve(BASE, reports=(rep(1, D(2022, 12, 15), 30), rep(2, D(2023, 3, 15), 28)))
    assert len(artists(plot_progress(p), "finding")) == 1
    assert artists(plot_progress(p, findings=Findings()), "finding") == []


def test_as_of_and_config_reach_validate() -> None:
    p = attrs.evolve(BASE, reports=(rep(1, D(2022, 12, 31), 90),))
    assert [c for c, _ in annotated(plot_progress(p))] == ["R006"]
    loose = RuleConfig(schedule_variance_points=Decimal(70))
    assert annotated(plot_progress(p, config=loose, as_of=D(2024, 1, 1))) == []


# --- degenerate projects ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("project", "says"),
    [
        (Project("50490000-3632", "Dropout care"), "no progress reports"),
        (attrs.evolve(BASE, reports=()), "no progress reports"),
        (
            attrs.evolve(BASE, reports=(rep(1, None, 20), rep(2, D(2023, 1, 1), None))),
            "none of the 2 reports",
        ),
        (attrs.evolve(BASE, reports=(rep(1, D(2023, 1, 1), 20),)), "only one report"),
        (attrs.evolve(BASE, start=None), "start or end date is missing"),
        (attrs.evolve(BASE, end=BASE.start), "ends before or on the day it starts"),
        (Project("", "", reports=(rep(1, None, None),)), "no dates"),
    ],
)
def test_degenerate_projects_draw_a_note(project: Project, says: str) -> None:
    ax = plot_progress(project)
    assert says in note(ax)
    image = render(ax)
    assert image[..., :3].var() > 0
    assert (plot_area(ax, image) < 0.99).any()


def test_single_report_is_still_a_point() -> None:
    ax = plot_progress(attrs.evolve(BASE, reports=(rep(1, D(2023, 1, 1), 20),)))
    assert [xy(m) for m in lines(ax, "status")] == [[(num(D(2023, 1, 1)), 20.0)]]


def test_only_the_fiscal_year_gives_the_time_axis() -> None:
    p = Project("50490000-3632", "Dropout care", fiscal_year=FiscalYear(2566))
    ax = plot_progress(p)
    assert quarter_labels(ax) == ["Q1 FY2566", "Q2 FY2566", "Q3 FY2566", "Q4 FY2566"]


def test_untitled_project() -> None:
    assert plot_progress(Project(" ", "")).get_title(loc="left") == "project without code or name"


def test_long_names_are_shortened() -> None:
    ax = plot_progress(attrs.evolve(BASE, name="word " * 40))
    title = ax.get_title(loc="left")
    assert title.startswith("50490000-3632  word word")
    assert title.endswith("…")
    assert len(title) < 80


# --- Thai ---------------------------------------------------------------------------------------


@NEEDS_THAI_FONT
def test_thai_labels() -> None:
    ax = plot_progress(BASE, lang="th")
    assert ax.get_ylabel() == "ความก้าวหน้าสะสม"
    legend = legend_texts(ax)
    for status in PlanStatus:
        assert status.label_th in legend
    assert quarter_labels(ax)[0] == "ไตรมาส 1 ปีงบ 2566"
    assert ax.xaxis.get_major_formatter()(num(D(2023, 1, 1))) == "ม.ค. 66"
    assert_not_blank(ax)


# --- misuse -------------------------------------------------------------------------------------


#: The functions as an untyped caller sees them.
progress_any: Any = plot_progress
caseload_any: Any = plot_caseload


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda: progress_any("50490000-3632"), InvalidTypeError),
        (lambda: progress_any(BASE, lang="fr"), InvalidValueError),
        (lambda: progress_any(BASE, lang=None), InvalidValueError),
        (lambda: progress_any(BASE, ax=Figure()), InvalidTypeError),
        (lambda: progress_any(BASE, findings="R003"), InvalidTypeError),
        (lambda: progress_any(BASE, findings=[1]), InvalidTypeError),
        (lambda: progress_any(BASE, config={}), InvalidTypeError),
        (lambda: caseload_any(BASE), InvalidTypeError),
        (lambda: caseload_any(Caseload(), lang="EN"), InvalidValueError),
        (lambda: caseload_any(Caseload(), ax=object()), InvalidTypeError),
    ],
)
def test_misuse_raises_our_errors(call: Any, error: type[DropoutModelError]) -> None:
    with pytest.raises(error) as info:
        call()
    message = str(info.value)
    assert re.search(r"plot_progress|plot_caseload|lang", message), message


def test_draws_on_the_given_axes() -> None:
    fig = Figure()
    ax, other = fig.subplots(1, 2)
    assert plot_progress(BASE, ax=ax) is ax
    assert plot_caseload(Caseload(), ax=other) is other
    assert fig.axes == [ax, other]
    assert lines(other, "status") == []


def test_new_figures_are_not_pyplot_figures() -> None:
    ax = plot_progress(BASE)
    assert figure_of(ax).canvas.manager is None, "pyplot would have registered a manager"


def test_import_dropout_model_does_not_import_matplotlib() -> None:
    code = "import sys, dropout_model; sys.exit('matplotlib' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


# --- plot_caseload ------------------------------------------------------------------------------

LEVEL_GIDS = (
    (RiskLevel.NORMAL, "risk:normal"),
    (RiskLevel.AT_RISK, "risk:at_risk"),
    (RiskLevel.PROBLEM, "risk:problem"),
    (None, "risk:not_assessed"),
)
GROUPS: tuple[PathwayKind | None, ...] = (*PathwayKind, None)


def bars(ax: Axes, gid: str) -> list[Rectangle]:
    found = artists(ax, gid)
    assert all(isinstance(a, Rectangle) for a in found)
    return sorted((a for a in found if isinstance(a, Rectangle)), key=lambda r: r.get_x())


def level_in_test(cl: Caseload, s: Student) -> RiskLevel | None:
    """Counted here without the plot module: the latest assessment, recorded level first."""
    mine = [a for a in cl.assessments if a.student_key == s.key]
    if not mine:
        return None
    latest = max(reversed(mine), key=lambda a: a.date)  # max keeps the first: the later one
    return latest.level or derive_risk_level(latest)


def counts_in_test(cl: Caseload) -> dict[RiskLevel | None, list[int]]:
    counts = {level: [0] * len(GROUPS) for level, _ in LEVEL_GIDS}
    for s in cl.students:
        kind = s.pathway.kind if s.pathway else None
        counts[level_in_test(cl, s)][GROUPS.index(kind)] += 1
    return counts


def assert_bars(ax: Axes, counts: dict[RiskLevel | None, list[int]]) -> None:
    below = [0.0] * len(GROUPS)
    for level, gid in LEVEL_GIDS:
        found = bars(ax, gid)
        assert [b.get_height() for b in found] == counts[level], gid
        assert [b.get_y() for b in found] == below, f"{gid} is stacked on the levels below"
        below = [y + h for y, h in zip(below, counts[level], strict=True)]


@FIGURES
@given(caseloads(max_students=12, with_project=None))
def test_bar_heights_are_the_counts(cl: Caseload) -> None:
    ax = plot_caseload(cl)
    assert_bars(ax, counts_in_test(cl))
    everything = "\n".join(texts(ax))
    # Totals on top of the bars, one per group.
    tops = [t.get_text() for t in artists(ax, "count") if isinstance(t, Text)]
    for i in range(len(GROUPS)):
        total = sum(counts_in_test(cl)[level][i] for level, _ in LEVEL_GIDS)
        assert str(total) in tops
    assert f"({len(cl.students)} students)" in ax.get_title()
    for s in cl.students:
        assert risk_level_of(cl, s.key) is level_in_test(cl, s)
        assert not s.name or s.name not in everything


@settings(max_examples=3)
@given(caseloads(min_students=3, max_students=8))
def test_no_personal_data_in_any_text(cl: Caseload) -> None:
    langs: tuple[Lang, ...] = ("en", "th")
    for lang in langs:
        ax = plot_caseload(cl, lang=lang)
        render(ax)  # tick labels are only made when the figure is drawn
        everything = "\n".join(texts(ax))
        for s in cl.students:
            secrets = [s.key, s.name]
            secrets += [s.citizen_id.reveal()] if s.citizen_id else []
            secrets += [s.g_code.reveal()] if s.g_code else []
            secrets += [s.birth_date.isoformat()] if s.birth_date else []
            for secret in secrets:
                assert not secret or secret not in everything


def test_caseload_by_hand() -> None:
    on = D(2023, 6, 1)
    cl = Caseload(
        students=(
            Student("S-1", pathway=Pathway(PathwayKind.RETURN_TO_SCHOOL)),
            Student("S-2", pathway=Pathway(PathwayKind.ONLINE_LEARNING)),
            Student("S-3"),
            Student("S-4"),
            Student("S-5", pathway=Pathway(PathwayKind.ONLINE_LEARNING)),
        ),
        assessments=(
            # S-1: an old problem, a newer normal screening: normal counts.
            RiskAssessment("A-1", "S-1", D(2023, 1, 1), level=RiskLevel.PROBLEM),
            RiskAssessment("A-2", "S-1", on, level=RiskLevel.NORMAL),
            # S-2: no level recorded; 50 % attendance is a problem.
            RiskAssessment("A-3", "S-2", on, days_enrolled=100, days_absent=50),
            # S-4: two screenings on one day: the later in the caseload counts.
            RiskAssessment("A-4", "S-4", on, level=RiskLevel.AT_RISK),
            RiskAssessment("A-5", "S-4", on, level=RiskLevel.PROBLEM),
            # S-5: at risk, recorded.
            RiskAssessment("A-6", "S-5", on, level=RiskLevel.AT_RISK),
        ),
    )
    ax = plot_caseload(cl)
    # Groups: return to school, online learning, vocational training, follow-up only, none.
    assert_bars(
        ax,
        {
            RiskLevel.NORMAL: [1, 0, 0, 0, 0],
            RiskLevel.AT_RISK: [0, 1, 0, 0, 0],
            RiskLevel.PROBLEM: [0, 1, 0, 0, 1],
            None: [0, 0, 0, 0, 1],
        },
    )
    ticks = [t.get_text().replace("\n", " ") for t in ax.get_xticklabels()]
    assert ticks == [
        "return to school",
        "online learning",
        "vocational training",
        "follow up only",
        "no pathway",
    ]
    tops = [t.get_text() for t in artists(ax, "count") if isinstance(t, Text)]
    assert tops[-5:] == ["1", "2", "0", "0", "2"]
    assert_not_blank(ax)


def test_caseload_thresholds_come_from_the_config() -> None:
    cl = Caseload(
        students=(Student("S-1"),),
        assessments=(
            RiskAssessment("A-1", "S-1", D(2023, 6, 1), days_enrolled=100, days_absent=15),
        ),
    )
    # 85 % attendance: an early warning under the default 88 % line.
    assert bars(plot_caseload(cl), "risk:at_risk")[-1].get_height() == 1
    lenient = RuleConfig(
        risk=RiskThresholds(attendance_warning=Decimal(80), attendance_problem=Decimal(70))
    )
    assert bars(plot_caseload(cl, config=lenient), "risk:normal")[-1].get_height() == 1


def test_empty_caseload() -> None:
    ax = plot_caseload(Caseload())
    assert_bars(ax, {level: [0] * len(GROUPS) for level, _ in LEVEL_GIDS})
    assert note(ax) == "no students"
    image = render(ax)
    assert image[..., :3].var() > 0


@NEEDS_THAI_FONT
def test_caseload_in_thai() -> None:
    cl = Caseload(students=(Student("S-1", pathway=Pathway(PathwayKind.VOCATIONAL_TRAINING)),))
    ax = plot_caseload(cl, lang="th")
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks == [k.label_th for k in PathwayKind] + ["ยังไม่มีแนวทาง"]
    legend = legend_texts(ax)
    assert legend[:3] == [level.label_th for level in RiskLevel]
    render(ax)


# --- fonts ---------------------------------------------------------------------------------------

THAI_NAME = Project("50490000-3632", "ดูแลนักเรียนที่หลุดจากระบบการศึกษา", start=D(2022, 10, 1))


def test_without_a_thai_font_the_title_is_the_code_and_thai_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(plot, "thai_font", lambda: None)
    ax = plot_progress(THAI_NAME)
    assert ax.get_title(loc="left") == "50490000-3632"
    figure_of(ax).savefig(io.BytesIO(), format="png")  # no glyph warning: no Thai text is drawn
    with pytest.raises(InvalidValueError, match="fonts-thai-tlwg"):
        plot_progress(THAI_NAME, lang="th")
    with pytest.raises(InvalidValueError, match="fonts-thai-tlwg"):
        plot_caseload(Caseload(), lang="th")


@NEEDS_THAI_FONT
@pytest.mark.parametrize("lang", ["en", "th"])
def test_with_a_thai_font_every_text_falls_back_to_it(lang: Lang) -> None:
    font = plot.thai_font()
    assert font in plot.THAI_FONTS
    ax = plot_progress(THAI_NAME, lang=lang)
    assert "ดูแลนักเรียน" in ax.get_title(loc="left")
    texts = [t for t in ax.findobj(Text) if t.get_text()]
    assert texts
    assert all(font in t.get_fontfamily() for t in texts)
    assert all(font in t.get_fontfamily() for t in ax.get_xticklabels())
    figure_of(ax).savefig(io.BytesIO(), format="png")  # warnings are errors: no missing glyph
