"""The record of a window as plain data: verdicts, the day's picture, history, pseudonyms, renderers.

Hand-built reports, no database: these say what the report *means*; the e2e tests say that a real
day produces it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import replace

import pytest

from bot.domain.privacy import Pseudonyms, Scrubber, identity_map, is_pseudonym, mapper
from bot.domain.report import (
    AnswerLine,
    AreaResult,
    AuditLine,
    CaseLine,
    CheckinLine,
    MessageLine,
    RoundReport,
    TimelineEvent,
    WindowReport,
    day_picture,
    digest,
    final_status,
    history,
)
from bot.report.as_csv import COLUMNS
from bot.report.render import render
from bot.report.timeline_svg import render_day_svg
from bot.report.words import event_text
from cards.report import history_card, report_card
from tests.unit.verdict_days import judged

UTC = dt.UTC
DAY = dt.date(2026, 12, 9)


def at(hour: int, minute: int) -> dt.datetime:
    # 08:30 in Stockholm in December is 07:30 UTC.
    return dt.datetime(2026, 12, 9, hour - 1, minute, tzinfo=UTC)


def case(case_id: str, outcome: str | None, comment: str = "", when: dt.datetime | None = None) -> CaseLine:
    return CaseLine(case_id, f"Title of {case_id}", outcome, comment, when)


def area(key: str, *cases: CaseLine, role: str = "tester", name: str = "Anders Holm") -> AreaResult:
    return AreaResult(
        key,
        name,
        "anders.holm@kommun.example.se",
        role,
        "Maria Sjöberg" if role != "tester" else None,
        tuple(cases),
    )


def sample(**changes: object) -> WindowReport:
    r1 = RoundReport(
        1,
        "local",
        "initial",
        at(9, 40),
        at(11, 10),
        "Sven",
        None,
        (
            area(
                "ifo",
                case("ifo-a", "pass", when=at(10, 0)),
                case("ifo-b", "fail", "SSBTEK | nere", at(10, 20)),
            ),
            area(
                "kir",
                case("kir-a", "pass", when=at(10, 5)),
                case("kir-b", "untested", "tom kö", at(10, 6)),
                role="substitute",
                name="Per Nyström",
            ),
        ),
    )
    r2 = RoundReport(
        2,
        "local",
        "retest",
        at(11, 10),
        at(12, 20),
        "Karin",
        1,
        (area("ifo", case("ifo-b", "pass", when=at(11, 25))),),
    )
    timeline = (
        TimelineEvent(at(8, 30), "checkin.started", "bot", {"cards": 2}),
        TimelineEvent(
            at(8, 34),
            "checkin.tester_here",
            "Anders Holm",
            {"participant": "Anders Holm", "state": "present"},
            ("ifo",),
        ),
        TimelineEvent(
            at(8, 45),
            "checkin.tester_timeout",
            "bot",
            {"participant": "Maria Sjöberg", "substitute": "Per Nyström", "state": "sub_asked"},
            ("kir",),
        ),
        TimelineEvent(
            at(8, 52),
            "checkin.sub_here",
            "Per Nyström",
            {"participant": "Maria Sjöberg", "substitute": "Per Nyström", "state": "sub_present"},
            ("kir",),
        ),
        TimelineEvent(at(9, 40), "round.started", "Sven", {"round": 1, "checklists": 2}),
        TimelineEvent(at(11, 10), "round.started", "Karin", {"round": 2, "cases": 1, "retest": True}),
        TimelineEvent(at(12, 20), "window.all_clear", "Karin", {"told": 3}),
    )
    checkins = (
        CheckinLine(
            "Anders Holm",
            "anders.holm@kommun.example.se",
            ("ifo",),
            ("local",),
            "Lena Ek",
            "lena.ek@kommun.example.se",
            "coming",
            "present",
            "Anders Holm",
            at(8, 34),
        ),
        CheckinLine(
            "Maria Sjöberg",
            "maria.sjoberg@kommun.example.se",
            ("kir",),
            ("local",),
            "Per Nyström",
            "per.nystrom@kommun.example.se",
            None,
            "sub_present",
            "Per Nyström",
            at(8, 52),
        ),
    )
    messages = (
        MessageLine(
            "checkin:1:1:tester",
            "checkin_tester",
            "Incheckning",
            "anders.holm@kommun.example.se",
            "Anders Holm",
            None,
            at(8, 30),
            at(8, 30),
            "sent",
            2,
            2,
            None,
        ),
        MessageLine(
            "summary:1:channel",
            "summary",
            "Sammanställning",
            None,
            None,
            "supplier",
            at(10, 20),
            None,
            "dead",
            1,
            0,
            "403 Forbidden",
        ),
    )
    answers = (
        AnswerLine(
            at(8, 34),
            "Anders Holm",
            "anders.holm@kommun.example.se",
            "checkin.tester_here",
            {"answer": "here"},
            "checkin:1:1:tester",
            "Incheckning",
            7,
        ),
        AnswerLine(
            at(10, 20),
            "Anders Holm",
            "anders.holm@kommun.example.se",
            "checklist.submitted",
            {"cases": {"ifo-a": ["pass", ""], "ifo-b": ["fail", "SSBTEK | nere"]}, "round": 1},
            "checklist:1:x",
            "Testlista",
            9,
        ),
    )
    audit = (
        AuditLine(
            7,
            at(8, 34),
            "anders.holm@kommun.example.se",
            "checkin.tester_here",
            {"participant": "anders.holm@kommun.example.se", "state": "present"},
        ),
        AuditLine(
            9,
            at(10, 20),
            "anders.holm@kommun.example.se",
            "checklist.submitted",
            {"round": 1, "answers": {"ifo-b": ["fail", "SSBTEK | nere"]}},
        ),
    )
    values: dict[str, object] = {
        "window_id": 3,
        "day": DAY,
        "start": dt.time(8, 30),
        "end": dt.time(16, 30),
        "timezone": "Europe/Stockholm",
        "case_number": "SD-4711",
        "state": "done",
        "generated_at": at(13, 0),
        "checkins": checkins,
        "rounds": (r1, r2),
        "timeline": timeline,
        "messages": messages,
        "answers": answers,
        "audit": audit,
    }
    values.update(changes)
    return judged(WindowReport(**values))  # type: ignore[arg-type]


# --- meaning ---------------------------------------------------------------------------------------


def test_verdicts_follow_the_routine() -> None:
    report = sample()
    r1, r2 = report.rounds
    # The retest fixed IFO, but KIR has a case answered Ej testat: KIR is incomplete, and neither
    # the retest nor the day is passed (a day with something untested is never "allt godkänt").
    assert (r1.verdict, r2.verdict) == ("fail", "incomplete")
    assert (r1.status_of("ifo"), r1.status_of("kir"), r2.status_of("ifo"), r2.status_of("kir")) == (
        "fail",
        "incomplete",
        "pass",
        None,  # the retest asked IFO only
    )
    assert final_status(report.rounds) == {"ifo": "pass", "kir": "incomplete"}
    assert report.verdict == "incomplete"
    assert [(a.area, a.status.value) for a in report.open_areas] == [("kir", "incomplete")]
    assert r1.answered_at == at(10, 20)
    assert r1.duration == dt.timedelta(minutes=40)
    assert sample(rounds=(r1,)).verdict == "fail"
    missing = RoundReport(
        3, "local", "retest", at(12, 0), None, "Sven", 1, (area("kir", case("kir-b", None)),)
    )
    assert missing.duration is None
    # Asked again and not answered yet: the earlier answer (Ej testat) stands.
    assert sample(rounds=(r1, r2, missing)).verdict == "incomplete"
    assert sample(rounds=()).verdict == "none"


def test_only_a_day_where_every_area_in_scope_passed_is_passed() -> None:
    kir_done = RoundReport(
        3,
        "local",
        "retest",
        at(12, 0),
        None,
        "Sven",
        1,
        (area("kir", case("kir-b", "pass", when=at(12, 5))),),
    )
    report = sample()
    passed = sample(rounds=(*report.rounds, kir_done))
    assert passed.verdict == "pass"
    assert passed.rounds[-1].verdict == "pass"
    # A test resource nobody stood in for: the area is untested, and the day is not passed.
    nobody = CheckinLine(
        "Eva Dahl",
        "eva@kommun.example.se",
        ("voo-hsl",),
        ("local",),
        None,
        None,
        None,
        "uncovered",
        None,
        None,
    )
    uncovered = sample(rounds=passed.rounds, checkins=(*report.checkins, nobody))
    assert uncovered.verdict == "untested"
    assert [(a.area, a.status.value) for a in uncovered.open_areas] == [("voo-hsl", "untested")]
    assert uncovered.rounds[0].status_of("voo-hsl") == "untested"  # the first round shows it, untested
    assert uncovered.day_status_of("voo-hsl") == "untested"
    assert "voo-hsl" in uncovered.areas


def test_the_picture_of_the_day_shows_phases_and_when_areas_went_red_and_green() -> None:
    picture = day_picture(sample())
    assert picture is not None
    checkin, round1, round2 = picture.phases
    # Check-in lasts until the last person was settled, not until the first round.
    assert (checkin.key, checkin.start, checkin.end) == ("checkin", at(8, 30), at(8, 52))
    assert (round1.round_seq, round1.end, round1.verdict) == (1, at(10, 20), "fail")
    # The retest passed what it asked, but KIR (Ej testat) keeps the client from passing.
    assert (round2.round_seq, round2.end, round2.verdict) == (2, at(11, 25), "incomplete")
    lanes = {lane.area: lane for lane in picture.lanes}
    ifo = lanes["ifo"]
    assert [(m.kind, m.at) for m in ifo.marks] == [
        ("here", at(8, 34)),
        ("fail", at(10, 20)),
        ("pass", at(11, 25)),
    ]
    assert [(s.status, s.start, s.end) for s in ifo.segments] == [
        ("testing", at(9, 40), at(10, 20)),
        ("fail", at(10, 20), at(11, 25)),  # red until the retest passed, not blue during the retest
        ("pass", at(11, 25), at(12, 20)),
    ]
    assert [m.kind for m in lanes["kir"].marks] == ["substitute", "incomplete"]
    assert picture.all_clear_at == at(12, 20)
    assert day_picture(sample(rounds=(), timeline=())) is None


def test_history_counts_failures_timings_and_substitutes_per_area() -> None:
    first = digest(sample(window_id=1, day=dt.date(2026, 11, 18)))
    second = digest(
        sample(
            window_id=2,
            rounds=(
                sample()
                .rounds[0]
                .__class__(
                    1,
                    "local",
                    "initial",
                    at(9, 0),
                    None,
                    "Sven",
                    None,
                    (area("ifo", case("ifo-a", "pass", when=at(9, 30))),),
                ),
            ),
            checkins=(),
        )
    )
    hist = history([second, first])
    assert [w.window_id for w in hist.windows] == [1, 2]  # oldest first
    ifo = next(a for a in hist.areas if a.area == "ifo")
    assert (ifo.windows, ifo.failed_windows, ifo.failed_rounds, ifo.rounds) == (2, 1, 1, 3)
    assert ifo.fail_share == 0.5
    assert ifo.last_failed == dt.date(2026, 11, 18)
    kir = next(a for a in hist.areas if a.area == "kir")
    assert (kir.windows, kir.substituted_windows) == (1, 1)
    timings = {(x.client, x.kind): x for x in hist.timings}
    assert timings[("local", "initial")].count == 2
    assert timings[("local", "initial")].min_seconds == 30 * 60
    assert timings[("local", "initial")].max_seconds == 40 * 60
    assert timings[("local", "retest")].mean_seconds == 15 * 60
    assert (hist.windows_with_substitutes, hist.substitute_share) == (1, 0.5)
    assert history([]).areas == ()


# --- pseudonyms ------------------------------------------------------------------------------------


def test_pseudonyms_are_stable_within_a_run_and_unlinkable_across_runs() -> None:
    run = Pseudonyms(b"k" * 32)
    alias = run.of("Anna.Berg@kommun.example.se")
    assert is_pseudonym(alias)
    assert alias == run.of("anna.berg@kommun.example.se ")
    assert run.of("bot") == "bot"
    assert run.of(alias) == alias
    assert Pseudonyms(b"x" * 32).of("anna.berg@kommun.example.se") != alias
    with pytest.raises(ValueError, match="at least 16 random bytes"):
        Pseudonyms(b"short")


def test_scrubber_replaces_names_and_addresses_in_text_and_json() -> None:
    run = Pseudonyms(b"k" * 32)
    mapping = identity_map(
        [("anna.berg@kommun.example.se", "Anna Berg"), ("per@kommun.example.se", "Per")], run
    )
    anna, per = run.of("anna.berg@kommun.example.se"), run.of("per@kommun.example.se")
    scrub = Scrubber(mapping, run, all_emails=True)
    assert (
        scrub.text("Anna Berg (anna.berg@kommun.example.se) ersätter Per")
        == f"{anna} ({anna}) ersätter {per}"
    )
    # Whole names only: "Persson" and "Peregrin" are not "Per".
    assert scrub.text("Persson och Peregrin") == "Persson och Peregrin"
    # Any other address too, when asked (retention), and inside JSON, keys included.
    other = run.of("okand@annan.example.se")
    assert scrub.value({"to": ["okand@annan.example.se"], "anna.berg@kommun.example.se": 1}) == {
        "to": [other],
        anna: 1,
    }
    only_known = Scrubber(mapping, run, all_emails=False)
    assert only_known.text("okand@annan.example.se") == "okand@annan.example.se"
    to = mapper(mapping, run)
    assert (to("Anna.Berg@kommun.example.se"), to("bot"), to(None)) == (anna, "bot", None)


# --- renderers -------------------------------------------------------------------------------------


def test_markdown_has_every_section_and_unbroken_tables() -> None:
    md = render(sample(), "md")
    for heading in (
        "# Rapport: servicefönster onsdagen den 9/12 2026",
        "## Omgångar",
        "## Fel och kommentarer",
        "## Resultat per område",
        "## Incheckning",
        "## Dagens tidslinje",
        "## Bilaga A: Meddelanden",
        "## Bilaga B: Svar",
        "## Bilaga C: Granskningslogg",
    ):
        assert heading in md, heading
    assert "SSBTEK \\| nere" in md  # a pipe in a comment does not break the table
    assert "Per Nyström (ersättare för Maria Sjöberg" in md
    assert "⚠ Maria Sjöberg svarade inte i tid; ersättaren Per Nyström tillfrågas" in md
    _tables_are_rectangular(md)
    english = render(sample(), "md", "en")
    assert "# Report: service window Wednesday 9 December 2026" in english
    assert "## Appendix C: Audit trail" in english


def _tables_are_rectangular(md: str) -> None:
    width = None
    for line in md.splitlines():
        if not line.startswith("|"):
            width = None
            continue
        cells = len(re.findall(r"(?<!\\)\|", line))
        width = width or cells
        assert cells == width, line


def test_csv_is_one_rectangular_table_with_every_record() -> None:
    rows = list(csv.reader(io.StringIO(render(sample(), "csv"))))
    assert rows[0] == list(COLUMNS)
    assert all(len(r) == len(COLUMNS) for r in rows)
    sections = [r[0] for r in rows[1:]]
    for section in ("window", "round", "area", "result", "checkin", "timeline", "message", "answer", "audit"):
        assert section in sections, section
    rounds = [(r[2], r[8]) for r in rows if r[0] == "round"]
    assert rounds == [("1", "fail"), ("2", "incomplete")]
    # Every area in the day's scope with the verdict's status, the one that needs attention first.
    assert [(r[3], r[10], r[8]) for r in rows if r[0] == "area"] == [
        ("kir", "local", "incomplete"),
        ("ifo", "local", "pass"),
    ]
    assert next(r for r in rows if r[0] == "window" and r[10] == "verdict")[8] == "incomplete"
    failed = [r for r in rows if r[0] == "result" and r[8] == "fail"]
    assert [(r[3], r[4], r[9], r[1]) for r in failed] == [
        ("ifo", "ifo-b", "SSBTEK | nere", "2026-12-09T10:20:00+01:00")
    ]
    assert [r[10] for r in rows if r[0] == "message"] == ["checkin:1:1:tester", "summary:1:channel"]
    assert [r[8] for r in rows if r[0] == "audit"] == ["7", "9"]


def test_html_is_self_contained_and_escapes_what_people_wrote() -> None:
    evil = sample(
        rounds=(
            RoundReport(
                1,
                "local",
                "initial",
                at(9, 40),
                None,
                "Sven",
                None,
                (area("ifo", case("ifo-a", "fail", '<script>alert("x")</script> & "quotes"', at(10, 0))),),
            ),
        )
    )
    page = render(evil, "html")
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert page.startswith("<!DOCTYPE html>")
    assert "@page" in page
    assert "size: A4" in page
    assert "Content-Security-Policy" in page
    # Nothing is fetched: no external URL apart from the SVG namespace name.
    urls = set(re.findall(r"https?://[^\s\"'<>)]+", page))
    assert urls <= {"http://www.w3.org/2000/svg"}
    assert not re.search(r"\b(src|href)\s*=|url\(|@import", page)


def test_the_svg_has_a_lane_per_area_and_a_flag_for_the_all_clear() -> None:
    svg = render_day_svg(sample())
    assert svg.startswith("<svg")
    assert svg.endswith("</svg>")
    assert "IFO Lagrum SoL/LVU/LVM/FB" in svg
    assert ">KIR<" in svg
    assert "Klartecken 12:20" in svg
    assert render_day_svg(sample(rounds=(), timeline=())) == ""


@pytest.mark.parametrize("fmt", ["md", "csv", "html"])
def test_a_window_that_has_not_happened_yet_still_has_a_report(fmt: str) -> None:
    planned = sample(rounds=(), timeline=(), checkins=(), messages=(), answers=(), audit=(), state="planned")
    text = render(planned, fmt, "en")
    assert "SD-4711" in text
    if fmt == "html":
        assert "No test rounds were started." in text
        assert "<svg" not in text


def _uncovered_day() -> WindowReport:
    """The sample day with every answer in and passed, and one test resource nobody stood in for."""
    kir_done = RoundReport(
        3,
        "local",
        "retest",
        at(12, 0),
        None,
        "Sven",
        1,
        (area("kir", case("kir-b", "pass", when=at(12, 5))),),
    )
    nobody = CheckinLine(
        "Eva Dahl",
        "eva@kommun.example.se",
        ("voo-hsl",),
        ("local",),
        None,
        None,
        None,
        "uncovered",
        None,
        None,
    )
    report = sample()
    return sample(rounds=(*report.rounds, kir_done), checkins=(*report.checkins, nobody))


def test_every_renderer_shows_an_untested_area_and_no_green_verdict() -> None:
    report = _uncovered_day()
    page = render(report, "html")
    assert '<div class="verdict tone-untested">' in page
    assert "Inte godkänt: otestade områden" in page
    header = page.split('<header class="masthead">')[1].split("</header>")[0]
    assert "tone-pass" not in header  # no green header above the untested area
    grid = page.split('<table class="grid">')[1].split("</table>")[0]
    row = next(r for r in grid.split("<tr>") if "VoO lagrum HSL" in r)
    assert 'class="cell c-untested"' in row
    assert "otestat" in row
    assert "ingen testade" in row
    assert 'class="cell day c-untested"' in row
    md = render(report, "md")
    assert "## Dagens resultat per område" in md
    assert "| VoO lagrum HSL | lokal installation | otestat | ingen testade | ingen testade |" in md
    assert "Inte godkänt: otestade områden" in md
    _tables_are_rectangular(md)
    card = report_card(report, "sv")
    text = json.dumps(card, ensure_ascii=False)
    assert "➖ Inte godkänt: otestade områden" in text
    assert "➖ **VoO lagrum HSL** (lokal installation): otestat" in text
    assert "Allt godkänt" not in text
    english = json.dumps(report_card(report, "en"), ensure_ascii=False)
    assert "➖ **VoO lagrum HSL** (local installation): untested" in english


def test_history_says_a_window_with_an_untested_area_did_not_pass() -> None:
    passed = sample(rounds=_uncovered_day().rounds, window_id=1, day=dt.date(2026, 11, 18))
    hist = history([digest(passed), digest(_uncovered_day())])
    assert [w.verdict for w in hist.windows] == ["pass", "untested"]
    card = json.dumps(history_card(hist, "sv"), ensure_ascii=False)
    assert "✅ 2026-11-18 (SD-4711): Allt godkänt" in card
    assert "➖ 2026-12-09 (SD-4711): Inte godkänt: otestade områden" in card
    assert card.index("➖ 2026-12-09") < card.index("✅ 2026-11-18")  # the latest first
    page = render(replace(_uncovered_day(), history=hist), "html")
    windows = page.split("<h3>Fönster</h3>")[1].split("</table>")[0]
    rows = windows.split("<tr>")[2:]  # the latest first
    assert '<span class="badge tone-untested">otestat</span>' in rows[0]
    assert '<span class="badge tone-pass">godkänt</span>' in rows[1]


def test_the_timeline_says_what_each_summary_said() -> None:
    report = sample()

    def said(values: dict[str, object]) -> str:
        return event_text(
            report, TimelineEvent(at(10, 20), "summary.posted", "bot", {"round": 1, **values}), "sv"
        )

    untested = {"verdict": "untested", "passed": False, "areas": {"untested": 1, "passed": 2}}
    assert said(untested).endswith(": Inte godkänd: 1 otestat · 2 godkänt")
    assert said({"verdict": "pass", "passed": True, "areas": {"passed": 3}}).endswith(": Godkänd")
    # Entries from before the verdict say what those summaries said.
    assert said({"verdict": "fail", "failures": 2}).endswith(": 2 fel")
    assert said({"verdict": "incomplete", "missing": 4}).endswith(": 4 svar saknas")
