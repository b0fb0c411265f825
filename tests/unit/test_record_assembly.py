"""Assembling a window's report from its rows (``bot.domain.record`` and its timeline, messages and
answers): hand-built rows, no database. The e2e tests say that a real day's rows give the report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from bot.domain.audit import AuditKind
from bot.domain.record import RecordRows, area_role, window_report
from bot.domain.record_messages import ANSWER_KINDS, answer_lines, card_title, message_lines
from bot.domain.record_rows import Names, participant_by_email
from bot.domain.record_timeline import TIMELINE_KINDS, timeline_events
from bot.domain.template_model import Template, TestCase

UTC = dt.UTC
ANDERS, LENA, JOHAN, KARIN = (
    "anders.holm@kommun.example.se",
    "lena.ek@kommun.example.se",
    "johan.berg@kommun.example.se",
    "karin.lindqvist@kommun.example.se",
)


def at(minute: int) -> dt.datetime:
    return dt.datetime(2026, 12, 9, 8, 0, tzinfo=UTC) + dt.timedelta(minutes=minute)


STARTS_AT = at(-30)


@dataclass(frozen=True)
class Window:
    id: int = 7
    day: dt.date = dt.date(2026, 12, 9)
    start_local: str = "08:30"
    end_local: str = "16:30"
    starts_at: dt.datetime = STARTS_AT
    timezone: str = "Europe/Stockholm"
    case_number: str | None = "SD-1"
    state: str = "done"


@dataclass(frozen=True)
class Part:
    id: int
    email: str
    name: str
    areas: str
    clients: str = "local"
    substitute_name: str | None = None
    substitute_email: str | None = None
    plan_answer: str | None = "coming"
    checkin_state: str = "present"
    covered_by_email: str | None = None
    covered_by_name: str | None = None


@dataclass(frozen=True)
class Assignment:
    area: str
    email: str
    name: str


@dataclass(frozen=True)
class Audit:
    id: int
    at: dt.datetime
    actor: str
    kind: str
    detail: Any = None


@dataclass(frozen=True)
class Prompt:
    id: str
    kind: str
    recipient_email: str
    created_at: dt.datetime
    message_key: str = "card"
    participant_id: int | None = None
    round_id: int | None = None
    case_ids: Sequence[str] | None = None


@dataclass(frozen=True)
class Round:
    id: int
    seq: int
    started_at: dt.datetime
    closed_at: dt.datetime | None = None
    client: str = "local"
    kind: str = "initial"
    started_by: str = KARIN


@dataclass(frozen=True)
class Result:
    round_id: int
    area: str
    case_id: str
    tester_email: str
    outcome: str
    recorded_at: dt.datetime
    comment: str = ""


@dataclass(frozen=True)
class Message:
    key: str
    created_at: dt.datetime
    content: Mapping[str, Any] | None = None
    recipient_email: str | None = None
    channel_purpose: str | None = None
    purpose: str = "checkin"
    version: int = 1
    sent_version: int = 1
    state: str = "sent"
    error: str | None = None
    delivered_at: dt.datetime | None = None


@dataclass(frozen=True)
class EmailJob:
    key: str
    payload: Mapping[str, Any] | None
    state: str
    created_at: dt.datetime
    last_error: str | None = None
    finished_at: dt.datetime | None = None


TEMPLATE = Template(
    "Test",
    1,
    {"ifo": (TestCase("ifo-a", "Log in"), TestCase("ifo-b", "Save")), "kir": (TestCase("kir-a", "Search"),)},
)
PARTS = (
    Part(1, ANDERS, "Anders Holm", "ifo", substitute_name="Lena Ek", substitute_email=LENA),
    Part(2, JOHAN, "Johan Berg", "kir"),
)


def card(text: str) -> dict[str, Any]:
    block = {"type": "ColumnSet", "columns": [{"items": [{"type": "TextBlock", "text": text}]}]}
    return {"attachments": [{"content": {"body": [{"type": "Image"}, block]}}]}


def test_card_title_is_the_first_text_of_the_card_or_the_first_line_of_the_text() -> None:
    assert card_title(card("**Check-in** now")) == "Check-in now"
    assert card_title({"text": "  **Hello**\nsecond line"}) == "Hello"
    assert card_title({"attachments": [{"content": None}], "text": "fallback"}) == "fallback"
    assert card_title(None) == card_title({"text": "   "}) == ""
    assert len(card_title({"text": "x" * 500})) == 160


def test_names_prefer_what_the_window_learnt_and_fall_back_to_the_address() -> None:
    names = Names({ANDERS: "Anders (roster)"})
    names.learn(ANDERS.upper(), "Anders Holm")
    names.learn(LENA, None)
    assert names.of(ANDERS) == "Anders Holm"
    assert names.of(LENA) == LENA
    assert names.of(None) == ""
    assert names.actor("bot") == names.actor("") == "bot"
    assert participant_by_email(PARTS, JOHAN.upper()) is PARTS[1]
    assert participant_by_email(PARTS, 3) is None


def test_the_kinds_are_audit_kinds() -> None:
    assert AuditKind.CHECKIN_STARTED in TIMELINE_KINDS
    assert "checkin.started" in TIMELINE_KINDS
    assert AuditKind.MESSAGE_SENT not in TIMELINE_KINDS
    assert "card.refused" in ANSWER_KINDS
    assert AuditKind.CHECKIN_TESTER_TIMEOUT not in ANSWER_KINDS


def test_role_says_whose_place_the_tester_took() -> None:
    assigned = {"kir": Assignment("kir", KARIN, "Karin Lindqvist")}
    assert area_role("ifo", ANDERS.upper(), PARTS, assigned) == ("tester", None)
    assert area_role("ifo", LENA, PARTS, assigned) == ("substitute", "Anders Holm")
    assert area_role("kir", KARIN, PARTS, assigned) == ("assigned", "Johan Berg")
    assert area_role("kir", LENA, PARTS, assigned) == ("other", "Johan Berg")
    assert area_role("lc-boende", LENA, PARTS, assigned) == ("other", None)


def test_the_timeline_shows_what_each_entry_needs_in_time_order() -> None:
    audit = [
        Audit(1, at(-60), KARIN, "window.announced", {"told": 2, "list": [1]}),
        Audit(2, at(0), KARIN, "checkin.started"),
        Audit(3, at(0), "bot", "checkin.start", {"participant": ANDERS, "state": "asked"}),
        Audit(4, at(5), LENA, "checkin.sub_here", {"participant": ANDERS, "state": "sub_present"}),
        Audit(5, at(6), "bot", "message.sent", {"message": "x"}),
        Audit(6, at(7), KARIN, "area.assigned", {"area": "kir", "to": LENA}),
        Audit(7, at(8), KARIN, "area.handed_back", {"to": JOHAN}),
        Audit(8, at(9), "bot", "plan.reminded", {"silent": ["a", "b"]}),
        Audit(
            9,
            at(30),
            JOHAN,
            "checklist.submitted",
            {"round": 1, "answers": {"a": ["pass"], "b": ["fail", "x"]}},
        ),
        Audit(10, at(30), KARIN, "window.all_clear"),
    ]
    events = timeline_events(audit, (), PARTS, Names({LENA: "Lena Ek", JOHAN: "Johan Berg"}), at(0))
    assert [e.kind for e in events] == [
        "window.announced",
        "checkin.started",
        "checkin.sub_here",
        "area.assigned",
        "area.handed_back",
        "plan.reminded",
        "checklist.submitted",
        "window.all_clear",
    ]
    announced, _, here, assigned, back, reminded, submitted, _ = events
    assert announced.planning
    assert not here.planning
    assert announced.values == {"told": 2}
    assert here.values == {"participant": "Anders Holm", "substitute": "Lena Ek", "state": "sub_present"}
    assert here.areas == ("ifo",)
    assert here.actor == "Lena Ek"
    assert (assigned.values, assigned.areas) == ({"area": "kir", "to": "Lena Ek"}, ("kir",))
    assert (back.values, back.areas) == ({"to": "Johan Berg"}, ("kir",))
    assert reminded.values == {"count": 2}
    assert submitted.values == {"round": 1, "n_pass": 1, "n_fail": 1, "n_untested": 0}


def test_answers_name_their_card_even_in_entries_from_before_answers_did() -> None:
    prompts = [
        Prompt("p-old", "checkin", ANDERS, at(0), "checkin:1", participant_id=1),
        Prompt("p-sub", "checkin_sub", LENA, at(3), "checkin:sub", participant_id=1),
        Prompt("p-list", "checklist", JOHAN, at(10), "checklist:1", round_id=11),
        Prompt("p-late", "checklist", JOHAN, at(40), "checklist:late", round_id=11),
    ]
    audit = [
        Audit(1, at(2), ANDERS, "checkin.tester_cant", {"participant": ANDERS}),
        Audit(2, at(3), "bot", "checkin.tester_timeout", {"participant": ANDERS}),
        Audit(3, at(4), "bot", "checkin.sub_cant", {"participant": ANDERS}),
        Audit(4, at(5), LENA, "checkin.sub_here", {"participant": ANDERS}),
        Audit(5, at(30), JOHAN, "checklist.submitted", {"round": 1, "answers": {"kir-a": ["pass", ""]}}),
        Audit(6, at(31), JOHAN, "card.refused", {"reason": "closed", "prompt": "p-list"}),
    ]
    messages = [Message("checkin:sub", at(3), card("Will you stand in?"))]
    answers = answer_lines(audit, prompts, [Round(11, 1, at(9))], PARTS, messages, Names({LENA: "Lena Ek"}))
    assert [(a.audit_id, a.answer, a.card_key) for a in answers] == [
        (1, {"answer": "cant"}, "checkin:1"),
        (4, {"answer": "here"}, "checkin:sub"),
        (5, {"cases": {"kir-a": ["pass", ""]}, "round": 1}, "checklist:1"),
        (6, {"refused": "closed"}, "checklist:1"),
    ]
    assert answers[1].name == "Lena Ek"
    assert answers[1].card_title == "Will you stand in?"
    assert answers[0].card_title is None


def test_messages_and_emails_in_the_order_they_were_made() -> None:
    messages = [
        Message("reply:1", at(5), {"text": "Done"}),
        Message("board:1", at(1), card("Status"), channel_purpose="supplier"),
    ]
    jobs = [
        EmailJob("mail:1", {"to": KARIN, "subject": "Notice"}, "done", at(3), finished_at=at(4)),
        EmailJob("mail:2", None, "failed", at(6), last_error="smtp"),
    ]
    lines = message_lines(messages, jobs, Names({KARIN: "Karin Lindqvist"}))
    assert [(m.key, m.channel, m.state, m.title) for m in lines] == [
        ("board:1", "supplier", "sent", "Status"),
        ("mail:1", None, "sent", "Notice"),
        ("reply:1", "reply", "sent", "Done"),
        ("mail:2", None, "dead", ""),
    ]
    assert lines[1].recipient_name == "Karin Lindqvist"
    assert lines[1].delivered_at == at(4)
    assert lines[3].sent_version == 0
    assert lines[3].error == "smtp"


def _rows() -> RecordRows:
    audit = [
        Audit(1, at(0), KARIN, "checkin.started"),
        Audit(2, at(5), LENA, "checkin.sub_here", {"participant": ANDERS, "state": "sub_present"}),
        Audit(3, at(6), KARIN, "area.assigned", {"area": "kir", "to": KARIN}),
        Audit(4, at(10), KARIN, "round.started", {"round": 1, "cases": ["ifo-a"]}),
        Audit(5, at(40), KARIN, "round.started", {"round": 2, "retest_of": 1}),
    ]
    return RecordRows(
        window=Window(),
        template=TEMPLATE,
        known_names={KARIN: "Karin Lindqvist"},
        participants=PARTS,
        assignments=[Assignment("kir", KARIN, "Karin L.")],
        audit=audit,
        prompts=[
            Prompt("a", "checklist", LENA, at(10), round_id=11, case_ids=["ifo-a", "ifo-b"]),
            Prompt("b", "checklist", KARIN, at(10), round_id=11, case_ids=["kir-a"]),
        ],
        rounds=[Round(11, 1, at(10), at(35)), Round(12, 2, at(40), kind="retest")],
        results=[
            Result(11, "ifo", "ifo-a", LENA, "pass", at(20)),
            Result(11, "ifo", "ifo-b", LENA, "fail", at(21), "broken"),
            Result(11, "kir", "kir-a", KARIN, "pass", at(22)),
            Result(12, "ifo", "ifo-b", LENA, "pass", at(45)),  # no checklist asked it: still reported
        ],
    )


def test_the_report_of_a_window_from_its_rows() -> None:
    report = window_report(_rows(), at(60), full=False)
    assert (report.window_id, report.start, report.end, report.generated_at) == (
        7,
        dt.time(8, 30),
        dt.time(16, 30),
        at(60),
    )
    r1, r2 = report.rounds
    assert [(a.area, a.tester_name, a.role, a.stands_in_for) for a in r1.areas] == [
        ("ifo", "Lena Ek", "substitute", "Anders Holm"),
        ("kir", "Karin L.", "assigned", "Johan Berg"),  # the assignment's name wins over the roster's
    ]
    assert [(c.case_id, c.title, c.outcome) for c in r1.areas[0].cases] == [
        ("ifo-a", "Log in", "pass"),
        ("ifo-b", "Save", "fail"),
    ]
    assert (r1.verdict, r2.retest_of, r2.kind, r2.started_by) == ("fail", 1, "retest", "Karin L.")
    assert [(a.area, a.role, [c.case_id for c in a.cases]) for a in r2.areas] == [
        ("ifo", "substitute", ["ifo-b"])
    ]
    assert [(c.tester_name, c.checked_in_at) for c in report.checkins] == [
        ("Anders Holm", at(5)),
        ("Johan Berg", at(6)),  # the admin gave the area to someone: that is when it was covered
    ]
    kinds = [e.kind for e in report.timeline]
    assert kinds.index("round.answered") < kinds.index("round.closed")
    assert (report.messages, report.answers, report.audit) == ((), (), ())
    assert len(window_report(_rows(), at(60)).audit) == 5


def test_the_verdict_in_the_record_is_the_domains_from_the_same_rows() -> None:
    rows = _rows()
    report = window_report(rows, at(60), full=False)
    r1, r2 = report.rounds
    # R1: IFO failed; the retest passed it (its result counts even without a checklist row).
    assert (r1.verdict, r2.verdict, report.verdict) == ("fail", "pass", "pass")
    assert (r1.status_of("ifo"), r1.status_of("kir"), r2.status_of("ifo"), r2.status_of("kir")) == (
        "fail",
        "pass",
        "pass",
        None,
    )
    assert report.open_areas == ()
    # A Citrix tester nobody stood in for: KIR on Citrix is untested, so the day is not passed.
    fia = Part(3, "fia@kommun.example.se", "Fia", "kir", clients="citrix", checkin_state="uncovered")
    report = window_report(replace(rows, participants=(*PARTS, fia)), at(60), full=False)
    assert [r.verdict for r in report.rounds] == ["fail", "pass"]  # the local rounds stand
    assert report.verdict == "untested"
    assert [(a.client.value, a.area, a.status.value) for a in report.open_areas] == [
        ("citrix", "kir", "untested")
    ]
    assert report.day_status_of("kir") == "untested"
