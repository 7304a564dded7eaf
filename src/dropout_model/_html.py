"""Small HTML builders for notebook display (floor 1, internal: imports nothing of the package).

Jupyter shows an object through its ``_repr_html_`` method. The model's
methods build their HTML with these helpers, so that every value passes through
:func:`escape` exactly once: only an :class:`Html` (text that is already HTML,
made here) is inserted as it is.

>>> row(["P002", "<b>"])
'<tr><td>P002</td><td>&lt;b&gt;</td></tr>'
>>> t = table([row(["1", cell("50.00", right=True)])], head=["no.", "progress"], lang="th")
>>> t.startswith('<table lang="th"><thead><tr><th>no.</th>'), t.endswith("</tbody></table>")
(True, True)
>>> from decimal import Decimal
>>> money(Decimal("1234567.5")), number(Decimal("1000")), percent(None)
('1,234,567.50', '1,000', '—')
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable
    from decimal import Decimal

__all__ = [
    "MISSING",
    "Cell",
    "Html",
    "cell",
    "element",
    "escape",
    "labelled",
    "money",
    "number",
    "percent",
    "row",
    "table",
    "thai",
    "truncate",
]

#: What a cell shows for a value the data does not give.
MISSING = "—"

_RIGHT = "text-align: right"


class Html(str):
    """Text that is already HTML. A notebook renders it; the builders here insert it unescaped.

    >>> Html("<b>x</b>")._repr_html_()
    '<b>x</b>'
    """

    __slots__ = ()

    def _repr_html_(self) -> str:
        """The HTML itself (what Jupyter calls to render the object)."""
        return str.__str__(self)

    def __html__(self) -> str:
        """The HTML itself (the protocol of markupsafe and Jinja: no second escaping)."""
        return str.__str__(self)


class Cell(Html):
    """One ``<td>`` or ``<th>`` made by :func:`cell`; :func:`row` takes it as it is."""

    __slots__ = ()


def escape(value: object) -> str:
    """``value`` as HTML text: an :class:`Html` as it is, anything else ``str()``-ed and escaped.

    >>> escape('<script>alert("&")</script>'), escape(Html("<b>"))
    ('&lt;script&gt;alert(&quot;&amp;&quot;)&lt;/script&gt;', '<b>')
    """
    if isinstance(value, Html):
        return str.__str__(value)
    return html.escape(str(value), quote=True)


def element(tag: str, *content: object, **attributes: str | None) -> Html:
    """``<tag attributes>content</tag>``; each content item escaped unless :class:`Html`.

    Attributes whose value is None are left out; a trailing ``_`` is dropped
    from a name (``class_``).

    >>> element("span", "a & b", lang="th", title=None)
    '<span lang="th">a &amp; b</span>'
    """
    attrs = "".join(
        f' {name.rstrip("_")}="{escape(value)}"'
        for name, value in attributes.items()
        if value is not None
    )
    body = "".join(escape(item) for item in content)
    return Html(f"<{tag}{attrs}>{body}</{tag}>")


def thai(text: object) -> Html:
    """Thai text in a ``<span lang="th">`` (screen readers and fonts pick the language)."""
    return element("span", text, lang="th")


def labelled(english: str, thai_label: str) -> Html:
    """An English label with its Thai label next to it.

    >>> labelled("total", "รวม")
    'total <span lang="th">รวม</span>'
    """
    return Html(f"{escape(english)} {thai(thai_label)}")


def cell(
    value: object,
    *,
    header: bool = False,
    right: bool = False,
    span: int | None = None,
    lang: str | None = None,
    title: str | None = None,
) -> Cell:
    """A table cell: ``<th>`` when ``header``, right-aligned when ``right`` (numbers)."""
    made = element(
        "th" if header else "td",
        value,
        colspan=str(span) if span is not None else None,
        lang=lang,
        title=title,
        style=_RIGHT if right else None,
    )
    return Cell(made)


def row(cells: Iterable[object]) -> Html:
    """A ``<tr>``: each item a :class:`Cell`, or a value put in a plain ``<td>``."""
    return Html(
        "<tr>"
        + "".join(str.__str__(c) if isinstance(c, Cell) else cell(c) for c in cells)
        + "</tr>"
    )


def table(
    rows: Iterable[Html],
    *,
    head: Iterable[object] = (),
    caption: object = None,
    **attributes: str | None,
) -> Html:
    """A ``<table>`` of ``rows`` (from :func:`row`), with header cells ``head`` and a caption."""
    parts = []
    if caption is not None:
        parts.append(element("caption", caption))
    header = [c if isinstance(c, Cell) else cell(c, header=True) for c in head]
    if header:
        parts.append(element("thead", row(header)))
    parts.append(element("tbody", Html("".join(rows))))
    return element("table", *(Html(p) for p in parts), **attributes)


def money(amount: Decimal | None) -> str:
    """Baht with thousands separators and two decimals (more when the amount has more).

    >>> from decimal import Decimal
    >>> money(Decimal("1000")), money(Decimal("0.125")), money(None)
    ('1,000.00', '0.125', '—')
    """
    if amount is None:
        return MISSING
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        return f"{amount:,f}"
    return f"{amount:,.2f}"


def number(value: Decimal | int | None) -> str:
    """A quantity or count with thousands separators, as precise as given."""
    if value is None:
        return MISSING
    return f"{value:,}" if isinstance(value, int) else f"{value:,f}"


def percent(value: Decimal | None) -> str:
    """``50.00 %`` as given, or :data:`MISSING`."""
    return MISSING if value is None else f"{value:f} %"


def truncate(text: str, width: int) -> str:
    """``text`` on one line, cut to ``width`` characters with "…" when longer.

    A Thai vowel written before its consonant (เ แ โ ใ ไ) is not left
    dangling before the "…".

    >>> truncate("ดูแล   นักเรียน\\nที่หลุด", 10), truncate("นักเรียน", 5)
    ('ดูแล นัก…', 'นัก…')
    """
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    return flat[: max(width - 1, 0)].rstrip(_LEADING_VOWELS).rstrip() + "…"


_LEADING_VOWELS = "เแโใไ"
