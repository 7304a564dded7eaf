"""Draw the figures the docs show, from the bundled sample printout, when a build starts.

The PNG files go to ``docs/_generated/`` (not committed): the pictures always come
from the code of the same checkout, like the rule catalogue page.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any

import attrs

OUT = Path(__file__).resolve().parents[1] / "_generated"


def draw(out: Path = OUT) -> list[Path]:
    """Write every figure into ``out``; return their paths."""
    import matplotlib as mpl  # noqa: PLC0415  (only when run)

    mpl.use("Agg")
    from dropout_model import read_printout  # noqa: PLC0415
    from dropout_model.plot import plot_caseload, plot_progress  # noqa: PLC0415
    from dropout_model.printout import sample_path  # noqa: PLC0415

    out.mkdir(parents=True, exist_ok=True)
    project = read_printout(sample_path()).project
    fixed = attrs.evolve(project, end=_dt.date(2023, 9, 30), coordinator="ฝ่ายการศึกษา")
    caseload = _caseload()
    figures = {
        "tutorial-progress.png": plot_progress(project).figure,
        "tutorial-progress-fixed.png": plot_progress(fixed).figure,
        "caseload.png": plot_caseload(caseload).figure,
    }
    paths = []
    for name, fig in figures.items():
        path = out / name
        fig.savefig(path, dpi=96, bbox_inches="tight")
        paths.append(path)
    return paths


def _caseload() -> Any:
    """A made-up caseload of 120 students with every pathway and risk level (fixed seed)."""
    import random  # noqa: PLC0415

    from dropout_model import Caseload, Pathway, PathwayKind, RiskAssessment, RiskLevel, Student  # noqa: PLC0415

    rng = random.Random(2566)  # noqa: S311 - made-up data for a picture
    kinds = [*PathwayKind, None]
    students, assessments = [], []
    for i in range(120):
        kind = rng.choices(kinds, weights=[30, 25, 15, 20, 10])[0]
        students.append(Student(f"S-{i:04d}", pathway=Pathway(kind) if kind else None))
        if rng.random() < 0.8:
            level = rng.choices(list(RiskLevel), weights=[50, 35, 15])[0]
            day = _dt.date(2023, 6, 1) + _dt.timedelta(days=rng.randrange(120))
            assessments.append(RiskAssessment(f"A-{i:04d}", f"S-{i:04d}", day, level=level))
    return Caseload(students=tuple(students), assessments=tuple(assessments))


def _builder_inited(app: Any) -> None:
    draw(Path(app.srcdir) / "_generated")


def setup(app: Any) -> dict[str, Any]:
    """Sphinx entry point."""
    app.connect("builder-inited", _builder_inited)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}


if __name__ == "__main__":
    for p in draw():
        print(p)
