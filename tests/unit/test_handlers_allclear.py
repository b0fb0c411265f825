"""The all-clear through the real router, on the in-memory unit of work.

It goes out on its own only when every area of every client passed and the supplier gave its
klartecken for the last client tested; otherwise nothing is sent and the admin sees what is open.
Sent anyway with a written reason, it names the known faults, and the audit trail keeps both.
Either way everyone who took part is told, the rounds and the open questions close, the timers stop;
only an admin may give it."""

from __future__ import annotations

from typing import Any

from bot.domain.decisions import DecisionKind
from bot.domain.people import Client
from bot.domain.windows import date_text
from bot.i18n import t
from tests.fakes.clock import local
from tests.fakes.uow_harness import FakeBot, card_of, card_text, card_title, find_action
from tests.fakes.uow_scenario import (
    ANDERS,
    CHECKIN_AT,
    DAY,
    EVA,
    FATIMA,
    KARIN,
    MARIA,
    PER,
    TESTERS,
    TIMEOUT,
    Day,
    checkin_started,
    planned_day,
)

ROUND_AT = local(2026, 12, 9, 8, 50)
ALL_CLEAR_AT = local(2026, 12, 9, 8, 55)
REASON = "Leverantören rättar KIR i kväll; verksamheten behöver systemet nu"
OPEN_NOW = (
    "IFO Lagrum SoL/LVU/LVM/FB (lokal installation): otestat",
    "VoO lagrum SoL/LSS/Färdtjänst/Riksfärdtjänst (lokal installation): otestat",
    "KIR (lokal installation): otestat",
    "KIR (Citrix): otestat",
    "leverantörens klartecken saknas",
)


async def _testing_day() -> Day:
    """Anders, Eva and Fatima checked in; Maria was silent, so Per was asked and has not answered
    yet; the local round is under way and nobody has answered their checklist."""
    day = await checkin_started()
    bot = day.bot
    for user, email in ((day.anders, ANDERS), (day.eva, EVA), (day.fatima, FATIMA)):
        await bot.click(user, card_of(bot.message(day.checkin_key(email))), "checkin.here")
    bot.clock.set(CHECKIN_AT + TIMEOUT)
    await bot.run_jobs()
    assert bot.participant(MARIA).checkin_state == "sub_asked"
    bot.clock.set(ROUND_AT)
    await bot.say(day.karin, "lokal klar")
    await bot.run_jobs()
    return day


async def _passed_day() -> Day:
    """Everyone checked in; every case passed in the local round (1) and, after the supplier's go
    for it, in the Citrix round (2)."""
    day = await checkin_started()
    bot = day.bot
    users = {ANDERS: day.anders, MARIA: day.maria, EVA: day.eva, FATIMA: day.fatima}
    for email in TESTERS:
        await bot.click(users[email], card_of(bot.message(day.checkin_key(email))), "checkin.here")
    bot.clock.set(ROUND_AT)
    await bot.say(day.karin, "lokal klar")
    for email in (ANDERS, MARIA, EVA):
        await _pass_all(bot, users[email], email)
    await _go(day, 1, Client.LOCAL)
    await bot.say(day.karin, "citrix klar")
    await _pass_all(bot, day.fatima, FATIMA)
    await bot.run_jobs()
    return day


async def _pass_all(bot: FakeBot, user: Any, email: str) -> None:
    checklist = card_of(bot.messages(to=email, purpose="checklist")[-1])
    [prompt] = [p for p in bot.prompts(kind="checklist", to=email) if p.state == "open"]
    answers = {f"o_{case}": "pass" for case in prompt.case_ids}
    done = await bot.click(user, checklist, "checklist.submit", answers)
    assert t("checklist.all_done", "en" if email == FATIMA else "sv") in card_text(card_of(done))


async def _go(day: Day, seq: int, client: Client, kind: DecisionKind = DecisionKind.GO) -> None:
    """The supplier's word after round ``seq`` (their commands are not this test's subject)."""
    async with day.bot.uow() as uow:
        await uow.decisions.record(
            day.window_id, kind, seq, client, "", "sven@lev.example.se", "Sven", day.bot.clock.now()
        )


def _replies(bot: FakeBot) -> list[str]:
    return [str(m.content.get("text")) for m in bot.messages(purpose="reply")]


def _last_reply_card(bot: FakeBot) -> dict[str, Any]:
    return card_of(bot.messages(purpose="reply")[-1])


def _nothing_sent(day: Day) -> None:
    bot = day.bot
    assert day.window().state == "testing"
    assert bot.messages(key=f"allclear:{day.window_id}:") == []
    assert bot.jobs(kind="email") == []
    assert bot.audit("window.all_clear") == []
    assert [r.state for r in bot.db.select("rounds")] == ["open"] * len(bot.db.select("rounds"))


async def test_the_all_clear_is_refused_with_what_is_open_and_nothing_is_sent() -> None:
    day = await _testing_day()
    bot = day.bot
    bot.clock.set(ALL_CLEAR_AT)

    await bot.say(day.karin, "klart")

    refused = _last_reply_card(bot)
    assert card_title(refused) == t("allclear.refused_title", "sv")
    text = card_text(refused)
    for line in OPEN_NOW:
        assert f"- {line}" in text, line
    reason = next(e for e in refused["body"] if e.get("id") == "reason")
    assert (reason["type"], reason["isRequired"]) == ("Input.Text", True)
    assert find_action(refused, "window.all_clear_override")["data"]["window"] == day.window_id
    _nothing_sent(day)
    assert bot.jobs(key=day.timeout_key(MARIA, "sub"))[0].state == "pending"


async def test_a_failure_and_an_incomplete_area_are_listed_by_client() -> None:
    day = await _testing_day()
    bot = day.bot
    anders_list = card_of(bot.messages(to=ANDERS, purpose="checklist")[-1])
    await bot.click(
        day.anders,
        anders_list,
        "checklist.submit",
        {"o_ifo-login": "pass", "o_ifo-journal": "fail", "c_ifo-journal": "Journalen öppnas inte"},
    )
    eva_list = card_of(bot.messages(to=EVA, purpose="checklist")[-1])
    await bot.click(day.eva, eva_list, "checklist.submit", {"o_kir-login": "pass"})

    await bot.say(day.karin, "klart")

    text = card_text(_last_reply_card(bot))
    assert "- IFO Lagrum SoL/LVU/LVM/FB (lokal installation): fel" in text
    assert "- KIR (lokal installation): ofullständigt" in text
    assert "- KIR (Citrix): otestat" in text
    # Failures first, then incomplete, then untested (client by client).
    assert text.index("(lokal installation): fel") < text.index("(lokal installation): ofullständigt")
    _nothing_sent(day)


async def test_everything_passed_but_without_the_suppliers_go_nothing_is_sent() -> None:
    day = await _passed_day()  # the go to start Citrix is there, the go for the all-clear not
    bot = day.bot

    await bot.say(day.karin, "klart")

    text = card_text(_last_reply_card(bot))
    assert "- leverantörens klartecken saknas" in text
    assert "otestat" not in text
    assert "(lokal installation)" not in text
    assert day.window().state == "testing"
    assert bot.messages(key=f"allclear:{day.window_id}:") == []


async def test_everything_passed_and_the_go_given_the_all_clear_goes_out_at_once() -> None:
    day = await _passed_day()
    bot = day.bot
    await _go(day, 2, Client.CITRIX)

    await bot.say(day.karin, "klart")

    assert _replies(bot)[-1] == t("allclear.done", "sv", count=4)
    assert day.window().state == "done"
    told = {m.recipient_email: m for m in bot.messages(key=f"allclear:{day.window_id}:")}
    assert set(told) == set(TESTERS)
    card = card_of(told[ANDERS])
    assert card_title(card) == t("allclear.title", "sv")
    assert "Kända fel" not in card_text(card)
    [done] = bot.audit("window.all_clear")
    assert done.detail == {"told": 4}


async def test_a_go_withdrawn_by_we_fix_it_holds_the_all_clear_back() -> None:
    day = await _passed_day()
    await _go(day, 2, Client.CITRIX)
    day.bot.clock.set(local(2026, 12, 9, 9, 30))
    await _go(day, 2, Client.CITRIX, DecisionKind.FIXING)

    await day.bot.say(day.karin, "klart")

    assert "- leverantörens klartecken saknas" in card_text(_last_reply_card(day.bot))
    assert day.window().state == "testing"


async def test_sent_anyway_without_a_reason_nothing_is_sent() -> None:
    day = await _testing_day()
    bot = day.bot
    await bot.say(day.karin, "klart")
    refused = _last_reply_card(bot)

    for blank in ({}, {"reason": ""}, {"reason": "   \n "}, {"reason": 42}):
        answer = await bot.click(day.karin, refused, "window.all_clear_override", blank)
        assert answer.message == t("allclear.reason_needed", "sv")
    too_long = await bot.click(day.karin, refused, "window.all_clear_override", {"reason": "x" * 501})
    assert too_long.message == t("allclear.reason_too_long", "sv", max=500)
    _nothing_sent(day)


async def test_sent_anyway_with_a_reason_it_names_the_known_faults_and_closes_the_day() -> None:
    day = await _testing_day()
    bot = day.bot
    bot.clock.set(ALL_CLEAR_AT)
    await bot.say(day.karin, "klart")

    sent = await bot.click(
        day.karin, _last_reply_card(bot), "window.all_clear_override", {"reason": f"  {REASON} "}
    )

    assert t("allclear.done_override", "sv", count=5) in card_text(card_of(sent))
    assert find_action_or_none(card_of(sent), "window.all_clear_override") is None
    assert day.window().state == "done"
    told = {m.recipient_email: m for m in bot.messages(key=f"allclear:{day.window_id}:")}
    # The four test resources, and Per, who was asked to stand in.
    assert set(told) == {ANDERS, MARIA, EVA, FATIMA, PER}
    assert all(m.purpose == "all_clear" and m.window_id == day.window_id for m in told.values())
    text = card_text(card_of(told[ANDERS]))
    assert t("allclear.title", "sv") in text
    assert "Kända fel: " + "; ".join(OPEN_NOW) in text
    assert f"Orsak: {REASON}" in text
    english = card_text(card_of(told[FATIMA]))  # her Teams is English
    assert "Known faults: IFO Lagrum SoL/LVU/LVM/FB (local installation): untested;" in english
    assert "KIR (Citrix): untested; the supplier's go-ahead is missing" in english
    assert "the supplier's go-ahead is missing" in english
    [done] = bot.audit("window.all_clear")
    assert (done.actor, done.window_id) == (KARIN, day.window_id)
    assert done.detail == {
        "told": 5,
        "override": REASON,
        "open": [
            {"client": "local", "area": "ifo", "status": "untested"},
            {"client": "local", "area": "voo-sol-lss", "status": "untested"},
            {"client": "local", "area": "kir", "status": "untested"},
            {"client": "citrix", "area": "kir", "status": "untested"},
        ],
        "go_missing": True,
    }
    # Rounds closed; every open question closed; answered ones kept as they were.
    [r] = bot.db.select("rounds")
    assert (r.state, r.closed_at) == ("closed", bot.clock.now())
    states = {(p.kind, p.recipient_email): p.state for p in bot.prompts()}
    assert states == {
        ("checkin", ANDERS): "answered",
        ("checkin", EVA): "answered",
        ("checkin", FATIMA): "answered",
        ("checkin", MARIA): "expired",
        ("checkin_sub", PER): "closed",
        ("checklist", ANDERS): "closed",
        ("checklist", EVA): "closed",
    }
    # Per's deadline and the checklist reminders no longer run: nothing follows the all-clear.
    assert bot.jobs(key=day.timeout_key(MARIA, "sub"))[0].state == "cancelled"
    assert {j.state for j in bot.jobs(kind="checklist_reminder")} == {"cancelled"}
    bot.clock.set(local(2026, 12, 9, 10, 0))
    await bot.run_jobs()
    assert bot.participant(MARIA).checkin_state == "sub_asked"
    assert bot.messages(to=KARIN, purpose="alert") == []
    assert bot.messages(purpose="reminder") == []
    assert {m.state for m in bot.messages(key=f"allclear:{day.window_id}:")} == {"sent"}


def find_action_or_none(card: dict[str, Any], verb: str) -> dict[str, Any] | None:
    try:
        return find_action(card, verb)
    except AssertionError:
        return None


async def test_an_answer_after_the_all_clear_is_refused() -> None:
    day = await _testing_day()
    bot = day.bot
    await bot.say(day.karin, "klart")
    await bot.click(day.karin, _last_reply_card(bot), "window.all_clear_override", {"reason": REASON})
    checklist = card_of(bot.messages(to=EVA, purpose="checklist")[-1])

    late = await bot.click(day.eva, checklist, "checklist.submit", {"o_kir-login": "pass"})

    assert late.message == t("error.no_longer_open", "sv")
    assert bot.db.select("results") == []


async def test_a_tester_cannot_give_the_all_clear_nor_send_it_anyway() -> None:
    day = await _testing_day()
    bot = day.bot

    await bot.say(day.anders, "klart")

    assert _replies(bot)[-1] == t("error.not_admin", "sv")
    [refused] = bot.audit("command.refused")
    assert (refused.actor, refused.detail) == (ANDERS, {"command": "all_clear"})
    await bot.say(day.karin, "klart")
    forced = await bot.click(
        day.anders, _last_reply_card(bot), "window.all_clear_override", {"reason": REASON}
    )
    assert forced.message == t("error.not_admin", "sv")
    _nothing_sent(day)
    assert bot.jobs(key=day.timeout_key(MARIA, "sub"))[0].state == "pending"


async def test_the_boards_button_is_the_admins_only_and_keeps_the_board() -> None:
    day = await _testing_day()
    bot = day.bot
    board = card_of(bot.messages(to=KARIN, purpose="board")[-1])
    assert find_action(board, "window.all_clear")

    refused = await bot.click(day.anders, board, "window.all_clear")
    assert refused.message == t("error.not_admin", "sv")

    held = await bot.click(day.karin, board, "window.all_clear")
    # A message, not a card: in place of the board it would replace it.
    assert (held.message, held.card) == (t("allclear.refused_short", "sv"), None)
    listing = _last_reply_card(bot)
    assert "- KIR (Citrix): otestat" in card_text(listing)
    _nothing_sent(day)

    await bot.click(day.karin, listing, "window.all_clear_override", {"reason": REASON})
    assert day.window().state == "done"


async def test_a_second_all_clear_changes_nothing() -> None:
    day = await _testing_day()
    bot = day.bot
    await bot.say(day.karin, "klart")
    refused = _last_reply_card(bot)
    await bot.click(day.karin, refused, "window.all_clear_override", {"reason": REASON})
    before = [(m.key, m.version) for m in bot.messages(key=f"allclear:{day.window_id}:")]

    await bot.say(day.karin, "klart")
    again = await bot.click(day.karin, refused, "window.all_clear_override", {"reason": REASON})

    # windows.active() finds no window once it is done, so the answer is "no window planned".
    assert _replies(bot)[-1] == t("window.no_next", "sv")
    assert _replies(bot)[-1] != t("allclear.already", "sv", date=date_text(DAY, "sv"))
    assert again.message == t("error.no_longer_open", "sv")
    assert [(m.key, m.version) for m in bot.messages(key=f"allclear:{day.window_id}:")] == before
    assert len(bot.audit("window.all_clear")) == 1


async def test_no_all_clear_before_the_day_has_started() -> None:
    day = await planned_day()

    await day.bot.say(day.karin, "klart")

    assert _replies(day.bot)[-1] == t("allclear.not_started", "sv", date=date_text(DAY, "sv"))
    assert day.window().state == "planned"
    assert day.bot.audit("window.all_clear") == []
