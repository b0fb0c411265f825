"""The report's tables, described once: every renderer (Markdown, CSV, HTML) renders from here.

A table is a title, columns and rows. A column has a key, a heading in each language and how to get
its cell from a row: ``text`` for the cell in words (Markdown; the HTML page too unless the column
says otherwise), ``html`` or ``look`` for a cell the page shows in a particular way (a ``Shown``).
A table may also say how each of its rows fills the one flat CSV table (``csv``: CSV column -> a
cell, or the key of a column whose ``text`` it is); its key is then the CSV's ``section``.

The tables themselves are in ``bot.report.window_tables`` (one window) and
``bot.report.history_tables`` (the history across windows).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Generic, Literal, TypeVar

from bot.domain.report import WindowReport
from bot.i18n import Lang, t
from bot.report import words as w

R = TypeVar("R")
Format = Literal["md", "html", "csv"]
Head = str | tuple[str, str]  # a catalog key, or the heading itself as (Swedish, English)

# The one CSV table: every row of every table that has ``csv`` is a row here.
CSV_COLUMNS = (
    "section",
    "time",
    "round",
    "area",
    "case",
    "person",
    "email",
    "role",
    "value",
    "comment",
    "kind",
    "detail",
)


@dataclass(frozen=True)
class Ctx:
    """What a cell may need besides its row: the report, the language, the titles of the test cases."""

    report: WindowReport
    lang: Lang
    titles: Mapping[str, str]

    @classmethod
    def of(cls, report: WindowReport, lang: Lang) -> Ctx:
        return cls(report, lang, w.case_titles(report))

    def t(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)


Cell = Callable[[Ctx, R], object]


def heading(head: Head, lang: Lang) -> str:
    if isinstance(head, str):
        return t(head, lang)
    sv, en = head
    return en if lang == "en" else sv


@dataclass(frozen=True)
class Shown:
    """A cell as the HTML page shows it. ``look`` names the markup (templates/report.html.j2):

    ``""`` text; ``num``, ``nowrap``, ``mono`` text in that style; ``email`` and ``areas`` text that
    may break after @ and dots, or slashes; ``person`` (text, and ``sub`` an address under it) and
    ``keyed`` (text, and ``sub`` a key under it, either left out when None); ``badge`` (text in the
    colour ``tone``, then ``when`` and ``sub`` under it); ``bar`` (``text`` per cent); ``rounds``
    (``text`` pairs of verdict and round number, as small badges).
    """

    look: str
    text: object
    sub: object = None
    tone: str = ""
    when: str = ""


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column of a table: its key, its heading, and how to get its cell from a row."""

    key: str
    head: Head
    text: Cell[R]  # the cell in words: Markdown, and HTML when neither ``html`` nor ``look`` is given
    html: Cell[R] | None = None  # the cell on the HTML page: a ``Shown``, or text
    look: str = ""  # the HTML page shows ``text`` in this look (see ``Shown``)
    only: Format | None = None  # shown in this format only

    def on_page(self, ctx: Ctx, row: R) -> Shown:
        if self.html is not None:
            value = self.html(ctx, row)
            return value if isinstance(value, Shown) else Shown(self.look, value)
        return Shown(self.look, self.text(ctx, row))


@dataclass(frozen=True)
class TableSpec(Generic[R]):
    """A table of the report: its key, title, columns, where its rows come from, and its CSV rows."""

    key: str  # what one row is; the CSV's ``section``
    title: Head
    columns: tuple[Column[R], ...]
    rows: Callable[[Ctx], Sequence[R]]
    csv: Mapping[str, Cell[R] | str] = field(default_factory=dict)  # CSV column -> cell or column key
    keep: Callable[[R, Format], bool] | None = None  # which rows a format shows; None: all

    def __post_init__(self) -> None:
        keys = [c.key for c in self.columns]
        assert len(set(keys)) == len(keys), f"{self.key}: two columns with one key"
        assert set(self.csv) <= set(CSV_COLUMNS) - {"section"}, f"{self.key}: not a CSV column"
        assert all(v in keys for v in self.csv.values() if isinstance(v, str)), f"{self.key}: no such column"

    def bind(self, ctx: Ctx, rows: Sequence[R] | None = None) -> Table[R]:
        """This table for one report (and language); ``rows`` to show only some."""
        return Table(self, ctx, self.rows(ctx) if rows is None else rows)


@dataclass(frozen=True)
class Table(Generic[R]):
    """A table with its rows, ready to render."""

    spec: TableSpec[R]
    ctx: Ctx
    all_rows: Sequence[R]

    @property
    def title(self) -> str:
        return heading(self.spec.title, self.ctx.lang)

    def rows(self, fmt: Format) -> list[R]:
        keep = self.spec.keep
        return [r for r in self.all_rows if keep is None or keep(r, fmt)]

    def columns(self, fmt: Format) -> list[Column[R]]:
        return [c for c in self.spec.columns if c.only in (None, fmt)]

    def heads(self, fmt: Format) -> list[str]:
        return [heading(c.head, self.ctx.lang) for c in self.columns(fmt)]

    def text_rows(self, fmt: Format = "md") -> list[list[object]]:
        """The cells in words, row by row."""
        return [cells for _, cells in self.text_lines(fmt)]

    def text_lines(self, fmt: Format = "md") -> list[tuple[R, list[object]]]:
        """Each row with its cells in words, for a renderer that shows a row in its own way."""
        columns = self.columns(fmt)
        return [(row, [c.text(self.ctx, row) for c in columns]) for row in self.rows(fmt)]

    def html_rows(self) -> list[list[Shown]]:
        """The cells as the HTML page shows them, row by row."""
        columns = self.columns("html")
        return [[c.on_page(self.ctx, row) for c in columns] for row in self.rows("html")]

    def csv_rows(self) -> list[list[object]]:
        """The rows of the CSV table (all of ``CSV_COLUMNS``); none when the table is not in the CSV."""
        if not self.spec.csv:
            return []
        by_key = {c.key: c.text for c in self.spec.columns}
        getters = {k: by_key[v] if isinstance(v, str) else v for k, v in self.spec.csv.items()}
        out = []
        for row in self.rows("csv"):
            cells = {key: cell(self.ctx, row) for key, cell in getters.items()}
            cells["section"] = self.spec.key
            out.append(["" if cells.get(c) is None else cells[c] for c in CSV_COLUMNS])
        return out
