"""Every card builder in cards/ against the official Adaptive Card 1.5 JSON schema.

The schema is the one bundled with the installed ``adaptive_cards`` package
(adaptive_cards/schemas/schema-1.5.json), validated with jsonschema's Draft6Validator as that
package's own CardValidator does. Two details of the schema, handled explicitly:

* ``$schema``: the 1.5 schema lists ``$schema`` as an allowed property of AdaptiveCard (type string,
  format uri), so the key our cards carry is valid as it is. jsonschema does not check ``format``
  by default (and "uri" would need an extra package even with a format checker), so the *value*
  is checked here by hand.
* ``msteams``: ``{"width": "Full"}`` is a Microsoft Teams extension (full-width cards) that is not
  part of the Adaptive Card schema, whose AdaptiveCard object has ``additionalProperties: false``.
  Validated as is, every full-width card would fail. The test takes exactly that one key off the
  top-level card, checks it is ``{"width": "Full"}``, and validates the rest unchanged.
* ``Input.ChoiceSet`` ``style: "filtered"`` (Teams' static typeahead search) is an Adaptive Cards
  1.5 feature ("Static Filtered ChoiceSet" in the 1.5 release notes), but the bundled
  schema-1.5.json (and 1.6) only knows compact and expanded. For validation alone, that one value
  is read as "compact"; any other style is still checked by the schema.

Cards are validated as they are sent: after a JSON round trip (the builders return str-enums).
"""

from __future__ import annotations

import datetime as dt
import inspect
import itertools
import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import adaptive_cards
import pytest
from jsonschema.exceptions import ValidationError, best_match
from jsonschema.validators import Draft6Validator

import cards.allclear
import cards.day
import cards.help
import cards.me
import cards.summary
import cards.supplier
import cards.windows
from bot.domain.checkin import CheckinState
from bot.domain.commands import Command
from bot.domain.day_end import AllClearGate
from bot.domain.decisions import DecisionKind
from bot.domain.people import Client, Person, Role, Substitute
from bot.domain.rounds import Outcome
from bot.domain.verbs import Verb
from bot.domain.verdict import AreaStatus, AreaVerdict
from bot.domain.windows import Window, WindowState, notice_text
from bot.i18n import Lang, t
from bot.services.templates import load_default_template
from cards.allclear import aborted_card, all_clear_known_faults_card, all_clear_refused_card
from cards.day import (
    BoardRow,
    BoardView,
    ChecklistItem,
    all_clear_card,
    assign_card,
    board_card,
    checkin_card,
    checklist_card,
    closed_card,
    handback_card,
)
from cards.help import help_card
from cards.me import me_card
from cards.summary import summary_card
from cards.supplier import (
    DecisionLine,
    DecisionView,
    channel_move_card,
    decision_alert_card,
    decision_card,
)
from cards.windows import (
    ListRow,
    Schedule,
    announce_card,
    answered_card,
    confirm_card,
    notice_card,
    notice_state_card,
    supplier_list_card,
    window_card,
    windows_list_card,
)
from tests.unit.verdict_days import summary_view

SCHEMA_PATH = Path(adaptive_cards.__file__).parent / "schemas" / "schema-1.5.json"
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
VALIDATOR = Draft6Validator(SCHEMA)
SCHEMA_URL = "http://adaptivecards.io/schemas/adaptive-card.json"
MAX_BYTES = 80 * 1024  # Teams refuses messages over about 100 KB; keep a margin.
MODULES = (cards.help, cards.me, cards.windows, cards.day, cards.summary, cards.allclear, cards.supplier)
LANGS: tuple[Lang, ...] = ("sv", "en")

# --- realistic view data ----------------------------------------------------------------------

PROMPT = "3f9c1e0a7b2d4c5e8f6a1b2c3d4e5f60"  # prompt ids are 32 hex characters
WINDOW = Window(
    12,
    dt.date(2026, 12, 9),
    dt.time(8, 30),
    dt.time(16, 30),
    "Europe/Stockholm",
    "SD-12345",
    WindowState.PLANNED,
    announced=True,
)
DONE = Window(
    11, dt.date(2026, 6, 17), dt.time(8, 30), dt.time(16, 30), "Europe/Stockholm", None, WindowState.DONE
)
CANCELLED = Window(
    13, dt.date(2027, 3, 10), dt.time(9, 0), dt.time(15, 0), "Europe/Stockholm", None, WindowState.CANCELLED
)
SCHEDULE = Schedule(notice_on=dt.date(2026, 11, 29), reminder_on=dt.date(2026, 11, 26))
ADMIN = Person("karin.lindqvist@kommun.se", "Karin Lindqvist", Role.ADMIN)
TESTER = Person(
    "fatima.hassan@omsorgspartner.se",
    "Fatima Hassan",
    Role.TESTER,
    frozenset({"lc-utforare", "lc-boende", "lc-avvikelser"}),
    frozenset({Client.LOCAL, Client.CITRIX}),
    Substitute("Nils Åberg", "nils.aberg@omsorgspartner.se"),
)
LONE_TESTER = Person(
    "anders.holm@kommun.se", "Anders Holm", Role.TESTER, frozenset({"ifo"}), frozenset({Client.LOCAL})
)
TEMPLATE = load_default_template()
SWEDISH_COMMENT = (
    "Fel vid spara: journalanteckningen försvann efter uppdatering, och felmeddelandet säger att "
    "åtkomst nekas för min roll på enheten. "
)


def _round_name(seq: int, client: str, lang: Lang, retest: bool = False) -> str:
    key = "round.retest_name" if retest else "round.name"
    return t(key, lang, seq=seq, client=t(f"round.{client}", lang))


def _checklist_items(
    areas: tuple[str, ...], outcome: Outcome | None = None, comment: str = ""
) -> list[ChecklistItem]:
    return [
        ChecklistItem(area, case.id, case.title, case.hint, outcome, comment)
        for area in areas
        for case in TEMPLATE.cases_for(area)
    ]


def _mixed_items() -> list[ChecklistItem]:
    outcomes = itertools.cycle([Outcome.PASS, Outcome.FAIL, None, Outcome.UNTESTED])
    return [
        ChecklistItem(i.area, i.case_id, i.title, i.hint, o, "Sparades inte" if o is Outcome.FAIL else "")
        for i, o in zip(
            _checklist_items(("lc-utforare", "lc-boende", "lc-avvikelser")), outcomes, strict=False
        )
    ]


def _board(lang: Lang, *, is_open: bool = True, rounds: int = 2) -> BoardView:
    marks = [("pass", "pass"), ("fail", "incomplete"), ("incomplete", ""), ("untested", "pass"), ("", "")]
    rows = tuple(
        BoardRow(area, name, substitute, state.value, marks[i % len(marks)][:rounds])
        for i, (area, name, substitute, state) in enumerate(
            [
                ("ifo", "Anders Holm", False, CheckinState.PRESENT),
                ("voo-sol-lss", "Per Nyström", True, CheckinState.SUB_PRESENT),
                ("voo-avgifter", "Johan Berg", False, CheckinState.ASKED),
                ("voo-hsl", "Maria Sjöberg", False, CheckinState.SUB_ASKED),
                ("kir", "Johan Berg", False, CheckinState.UNCOVERED),
                ("lc-handlaggare", "Eva Dahl", False, CheckinState.ASSIGNED),
                ("lc-utforare", "Fatima Hassan", False, CheckinState.WAITING),
            ]
        )
    )
    names = (_round_name(1, "local", lang), _round_name(2, "citrix", lang))[:rounds]
    phase = t("state.testing", lang) + (f" – {names[-1]}" if names else "")
    verdict = t(
        "board.verdict_open", lang, mark="❌", counts="1 fel · 1 ofullständigt · 2 otestat · 3 godkänt"
    )
    return BoardView(
        "onsdagen den 9/12 2026", phase, "10:42", rows, names, WINDOW.id, is_open, verdict=verdict
    )


def _open_gate() -> AllClearGate:
    """Every area of the default template open on one client or the other, and no go."""
    statuses = itertools.cycle([AreaStatus.FAILED, AreaStatus.INCOMPLETE, AreaStatus.UNTESTED])
    clients = itertools.cycle(Client)
    areas = [AreaVerdict(a, c, s, ()) for a, c, s in zip(TEMPLATE.areas, clients, statuses, strict=False)]
    return AllClearGate(False, tuple(areas), go_missing=True)


# The lists help shows; who may use what is the router's table (tests/unit/test_routes.py).
EVERYONE = [Command.HELP, Command.ME, Command.SUBSTITUTE]
CHANNEL = [Command.HELP, Command.SUPPLIER_CHANNEL, Command.LOCAL_READY, Command.CITRIX_READY, Command.STATUS]


def _everyone() -> list[Command]:
    return EVERYONE


def _admin_commands() -> list[Command]:
    return [c for c in Command if c not in EVERYONE]


def _channel_commands() -> list[Command]:
    return CHANNEL


def _builders(lang: Lang) -> list[tuple[str, Callable[[], dict[str, Any]]]]:
    """(name of the builder: what the case shows, the call) for every card the bot sends."""
    other: Lang = "en" if lang == "sv" else "sv"
    list_rows = [
        ListRow("ifo", "Anders Holm", "anders.holm@kommun.se", None),
        ListRow("voo-sol-lss", "Per Nyström", "per.nystrom@kommun.se", "Maria Sjöberg"),
        ListRow("kir", None, None, None),
    ]
    return [
        # help
        ("help_card: tester", lambda: help_card(_everyone(), [], [], lang)),
        ("help_card: admin", lambda: help_card(_everyone(), _admin_commands(), _channel_commands(), lang)),
        ("help_card: supplier channel", lambda: help_card([], [], _channel_commands(), lang)),
        # me
        ("me_card: admin, no window", lambda: me_card(ADMIN, None, lang)),
        ("me_card: tester with substitute", lambda: me_card(TESTER, "onsdagen den 9/12 2026 08:30", lang)),
        ("me_card: tester without substitute", lambda: me_card(LONE_TESTER, None, lang)),
        # windows
        ("window_card: created", lambda: window_card(WINDOW, 6, SCHEDULE, lang, created=True)),
        ("window_card: done", lambda: window_card(DONE, 5, SCHEDULE, lang)),
        ("window_card: cancelled, no case", lambda: window_card(CANCELLED, 0, SCHEDULE, lang)),
        (
            "confirm_card",
            lambda: confirm_card(
                t("window.confirm_needed", lang, warnings="2026-12-26 är en lördag."),
                "2026-12-26 08:30-16:30 ärende SD-12345",
                lang,
            ),
        ),
        ("windows_list_card", lambda: windows_list_card([(WINDOW, 6), (DONE, 5), (CANCELLED, 0)], lang)),
        ("windows_list_card: empty", lambda: windows_list_card([], lang)),
        (
            "announce_card: with substitute",
            lambda: announce_card(
                WINDOW,
                ["lc-boende", "lc-utforare"],
                ["local", "citrix"],
                PROMPT,
                ("Nils Åberg", "nils@x.se"),
                lang,
            ),
        ),
        (
            "announce_card: no substitute",
            lambda: announce_card(WINDOW, ["ifo"], ["local"], PROMPT, None, lang),
        ),
        (
            "answered_card: can change",
            lambda: answered_card(WINDOW, t("announce.answered_coming", lang), lang, change_prompt=PROMPT),
        ),
        ("answered_card: closed", lambda: answered_card(WINDOW, t("announce.answered_coming", lang), lang)),
        (
            "notice_state_card",
            lambda: notice_state_card(
                CANCELLED, t("window.cancelled_notice", lang, date="onsdagen den 10/3 2027"), lang
            ),
        ),
        ("supplier_list_card", lambda: supplier_list_card(WINDOW, list_rows, lang)),
        ("supplier_list_card: no case", lambda: supplier_list_card(DONE, list_rows, lang)),
        (
            "notice_card",
            lambda: notice_card(WINDOW, notice_text(WINDOW), t("notice.mailed", lang, count=14), lang),
        ),
        # the day
        (
            "checkin_card: tester with substitute",
            lambda: checkin_card("onsdagen den 9/12 2026", PROMPT, ["ifo", "kir"], "09:00", lang),
        ),
        (
            "checkin_card: tester without substitute",
            lambda: checkin_card(
                "onsdagen den 9/12 2026", PROMPT, ["ifo"], "09:00", lang, has_substitute=False
            ),
        ),
        (
            "checkin_card: substitute",
            lambda: checkin_card(
                "onsdagen den 9/12 2026", PROMPT, ["lc-boende"], "09:30", lang, for_tester="Fatima Hassan"
            ),
        ),
        ("closed_card: good", lambda: closed_card(t("allclear.title", lang), "Du är incheckad kl. 08:41.")),
        ("closed_card: bad", lambda: closed_card(t("allclear.title", lang), "Ingen svarade.", good=False)),
        (
            "handback_card",
            lambda: handback_card(
                t("checkin.late_admin", lang, tester="Anders Holm", name="Lena Ek", areas="IFO"),
                42,
                "Anders Holm",
                lang,
            ),
        ),
        (
            "assign_card",
            lambda: assign_card(
                t(
                    "checkin.uncovered",
                    lang,
                    areas="KIR",
                    tester="Johan Berg (johan.berg@kommun.se)",
                    substitute="Sara Wikström (sara.wikstrom@kommun.se)",
                    area="kir",
                ),
                WINDOW.id,
                42,
                [
                    ("Karin Lindqvist", "karin.lindqvist@kommun.se"),
                    ("Anders Holm", "anders.holm@kommun.se"),
                    ("Eva Dahl", "eva.dahl@kommun.se"),
                ],
                lang,
            ),
        ),
        (
            "checklist_card: open",
            lambda: checklist_card(
                t("checklist.title", lang, round=_round_name(1, "local", lang)),
                PROMPT,
                _checklist_items(("ifo", "kir")),
                lang,
            ),
        ),
        (
            "checklist_card: retest, answered, with status",
            lambda: checklist_card(
                t("checklist.title", lang, round=_round_name(3, "local", lang, retest=True)),
                PROMPT,
                _mixed_items(),
                lang,
                retest=True,
                status_line="12 av 16 besvarade",
            ),
        ),
        (
            "checklist_card: closed",
            lambda: checklist_card(
                t("checklist.title", lang, round=_round_name(2, "citrix", lang)),
                PROMPT,
                _mixed_items(),
                lang,
                closed=True,
            ),
        ),
        ("board_card: admin", lambda: board_card(_board(lang), lang, for_admin=True, for_channel=False)),
        ("board_card: channel", lambda: board_card(_board(lang), lang, for_admin=False, for_channel=True)),
        ("board_card: tester", lambda: board_card(_board(lang), lang, for_admin=False, for_channel=False)),
        (
            "board_card: closed, no rounds",
            lambda: board_card(
                _board(lang, is_open=False, rounds=0), lang, for_admin=True, for_channel=False
            ),
        ),
        (
            "summary_card: fail",
            lambda: summary_card(
                t("summary.title", lang, round=_round_name(1, "local", lang)),
                summary_view("fail"),
                "SD-12345",
                lang,
            ),
        ),
        (
            "summary_card: incomplete",
            lambda: summary_card(
                t("summary.title", lang, round="R1"), summary_view("incomplete"), None, lang
            ),
        ),
        (
            "summary_card: pass",
            lambda: summary_card(t("summary.title", other, round="R2"), summary_view("pass"), None, lang),
        ),
        (
            "summary_card: retest",
            lambda: summary_card(t("summary.title", lang, round="R2"), summary_view("retest"), None, lang),
        ),
        ("all_clear_card", lambda: all_clear_card("onsdagen den 9/12 2026", lang)),
        ("all_clear_refused_card", lambda: all_clear_refused_card(_open_gate(), WINDOW.id, lang)),
        (
            "all_clear_known_faults_card",
            lambda: all_clear_known_faults_card(
                "onsdagen den 9/12 2026", _open_gate(), SWEDISH_COMMENT, lang
            ),
        ),
        ("aborted_card", lambda: aborted_card("onsdagen den 9/12 2026", "15:00", SWEDISH_COMMENT, lang)),
        ("aborted_card: no time, no reason", lambda: aborted_card("onsdagen den 9/12 2026", None, "", lang)),
        *_supplier_builders(lang),
    ]


def _supplier_builders(lang: Lang) -> list[tuple[str, Callable[[], dict[str, Any]]]]:
    """The supplier's decision card in each state, what the admins get, and moving the channel."""
    go, fixing, fixed = DecisionKind.GO, DecisionKind.FIXING, DecisionKind.FIXED
    fixing_line = DecisionLine(fixing, "Lars Leverantör", "10:42", SWEDISH_COMMENT)
    everything = (go, fixing, DecisionKind.ROLLBACK)

    def view(
        history: tuple[DecisionLine, ...], choices: tuple[DecisionKind, ...], *, last: bool
    ) -> DecisionView:
        return DecisionView(_round_name(1, "local", lang), WINDOW.id, 1, last, history, choices)

    retest = (t("decision.retest_button", lang), Verb.ADMIN_RETEST, {"window": WINDOW.id, "round": 1})
    return [
        ("decision_card: open, Citrix next", lambda: decision_card(view((), everything, last=False), lang)),
        ("decision_card: open, last client", lambda: decision_card(view((), everything, last=True), lang)),
        (
            "decision_card: fixing",
            lambda: decision_card(view((fixing_line,), (fixed, DecisionKind.ROLLBACK), last=False), lang),
        ),
        (
            "decision_card: settled",
            lambda: decision_card(
                view((fixing_line, DecisionLine(fixed, "Lars Leverantör", "11:05", "")), (), last=True), lang
            ),
        ),
        ("decision_alert_card", lambda: decision_alert_card(t("decision.rollback", lang))),
        (
            "decision_alert_card: with a button",
            lambda: decision_alert_card(t("decision.fixed", lang), retest),
        ),
        ("channel_move_card", lambda: channel_move_card("0123456789abcdef", lang)),
        (
            "checklist_card: retest after the supplier's rättat",
            lambda: checklist_card("R2", PROMPT, _mixed_items(), lang, retest=True, fixed=True),
        ),
        (
            "board_card: the supplier's latest word",
            lambda: board_card(
                replace(_board(lang), supplier=t("board.supplier.fixing", lang, round="R1", time="10:42")),
                lang,
                for_admin=False,
                for_channel=True,
            ),
        ),
    ]


CASES = [(lang, name, build) for lang in LANGS for name, build in _builders(lang)]


def _card_builders() -> set[str]:
    """The public functions of cards/ that return a card."""
    names = set()
    for module in MODULES:
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            returns_card = inspect.signature(fn).return_annotation in ("dict[str, Any]", dict[str, Any])
            if fn.__module__ == module.__name__ and not name.startswith("_") and returns_card:
                names.add(name)
    return names


# --- checks -----------------------------------------------------------------------------------


def _describe(error: ValidationError) -> str:
    """The root error says only "not valid under any of the given schemas"; go to the cause."""
    while error.context:
        error = best_match(error.context)
    where = "/".join(str(p) for p in error.absolute_path) or "(card)"
    return f"{where}: {error.message[:300]}"


def schema_errors(card: dict[str, Any]) -> list[str]:
    sent = json.loads(json.dumps(card))
    teams = sent.pop("msteams", None)
    for node in _walk(sent):
        if node.get("type") == "Input.ChoiceSet" and node.get("style") == "filtered":
            node["style"] = "compact"  # a 1.5 value the 1.5 schema file lacks (see the top)
    problems = [_describe(e) for e in VALIDATOR.iter_errors(sent)]
    if teams not in (None, {"width": "Full"}):
        problems.append(f"msteams: {teams!r} is not the Teams full-width extension")
    return problems


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def _nested_cards(card: dict[str, Any]) -> list[dict[str, Any]]:
    return [n for n in _walk(card) if n.get("type") == "AdaptiveCard" and n is not card]


@pytest.mark.parametrize(("lang", "name", "build"), CASES, ids=[f"{lang}-{name}" for lang, name, _ in CASES])
def test_card(lang: Lang, name: str, build: Callable[[], dict[str, Any]]) -> None:
    card = build()
    assert schema_errors(card) == []
    assert card["type"] == "AdaptiveCard"
    assert card["version"] == "1.5"
    assert card["$schema"] == SCHEMA_URL
    for nested in _nested_cards(card):
        assert nested.get("version", "1.5") == "1.5"
    size = len(json.dumps(card).encode("utf-8"))  # as the connector sends it
    assert size < MAX_BYTES, f"{lang} {name}: {size} bytes"

    executes = [n for n in _walk(card) if n.get("type") == "Action.Execute"]
    for action in executes:
        verb = action.get("verb")
        assert isinstance(verb, str), action
        assert verb, action
        # The same verb in the data: the card also works where Teams falls back to Action.Submit.
        assert isinstance(action.get("data"), dict), action
        assert action["data"].get("verb") == verb, action
        assert action.get("title"), action
    assert not [n for n in _walk(card) if n.get("type") == "Action.Submit"]

    input_ids = [n["id"] for n in _walk(card) if str(n.get("type", "")).startswith("Input.")]
    assert len(input_ids) == len(set(input_ids)), "input ids must be unique within a card"


def test_every_card_builder_is_tested() -> None:
    tested = {name.split(":")[0] for _, name, _ in CASES}
    builders = _card_builders()
    assert builders, "no builders found: did the return annotations change?"
    assert builders - tested == set()
    assert tested - builders == set()


def test_cards_are_in_the_callers_language() -> None:
    sv = help_card(_everyone(), [], [], "sv")
    en = help_card(_everyone(), [], [], "en")
    assert sv["body"][0]["text"] == t("help.title", "sv")
    assert en["body"][0]["text"] == t("help.title", "en")
    assert sv != en


def test_full_width_cards_use_the_teams_extension_only() -> None:
    card = board_card(_board("sv"), "sv", for_admin=True, for_channel=False)
    assert card["msteams"] == {"width": "Full"}
    # Proof that the extension is why it is taken off: the official schema has no room for it.
    assert list(VALIDATOR.iter_errors(json.loads(json.dumps(card))))
    assert "msteams" not in help_card(_everyone(), [], [], "sv")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda c: c["body"][0].update(color="purple"), "body/0"),
        (lambda c: c["body"].append({"type": "Input.Text"}), "body/2"),  # an input needs an id
        (lambda c: c.update(actions=[{"type": "Action.Execute", "verb": 3}]), "actions/0"),
        (lambda c: c.update(msteams={"width": "Narrow"}), "msteams"),
        (lambda c: c.update(extra=1), "(card)"),
        (
            lambda c: c["body"].append(
                {"type": "Input.ChoiceSet", "id": "x", "choices": [], "style": "searchable"}
            ),
            "body/2",
        ),
    ],
)
def test_the_schema_check_catches_invalid_cards(
    change: Callable[[dict[str, Any]], None], expected: str
) -> None:
    """The validator is not vacuous: broken cards are refused, with a useful place."""
    card = closed_card("Rubrik", "Text")
    assert schema_errors(card) == []
    change(card)
    errors = schema_errors(card)
    assert errors
    assert any(e.startswith(expected) for e in errors), errors


# --- size of the largest realistic checklist --------------------------------------------------


def _checklist(areas: tuple[str, ...], lang: Lang, **item: Any) -> dict[str, Any]:
    heading = t("checklist.title", lang, round=_round_name(1, "local", lang))
    items = _checklist_items(areas, **item)
    return checklist_card(heading, PROMPT, items, lang, status_line=f"{len(items)} av {len(items)} besvarade")


def _size(card: dict[str, Any]) -> int:
    return len(json.dumps(card).encode("utf-8"))  # as the connector sends it: ASCII-escaped JSON


def test_largest_realistic_checklist_fits() -> None:
    """A tester covering 3 areas of the default template: the 3 largest areas, every case answered
    with a Swedish comment, up to the comment input's maxLength of 1000 characters (the card shows
    the answers when it is re-sent after a submit)."""
    largest = max(itertools.combinations(TEMPLATE.areas, 3), key=lambda areas: _size(_checklist(areas, "sv")))
    long_comment = (SWEDISH_COMMENT * 10)[:1000]
    for lang in LANGS:
        for item in (
            {},
            {"outcome": Outcome.FAIL, "comment": SWEDISH_COMMENT},
            {"outcome": Outcome.FAIL, "comment": long_comment},
        ):
            card = _checklist(largest, lang, **item)
            assert schema_errors(card) == []
            assert _size(card) < MAX_BYTES, (largest, lang, len(item.get("comment", "")), _size(card))
