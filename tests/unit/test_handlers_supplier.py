"""The supplier's part through the real router, on the in-memory unit of work: who may start the
rounds and decide in the supplier channel, the decision card under each summary, what each decision
opens (the Citrix round, the retest, the all-clear button, the abort), and that a decision repeated
or answering an old round changes nothing; the supplier channel set only in a team channel, and
moved only once confirmed."""

from __future__ import annotations

import itertools
from typing import Any

from bot.domain.people import Person, Role
from bot.i18n import t
from bot.services import router
from bot.services.turns import Turn, TurnKind, TurnResult
from tests.fakes.clock import local
from tests.fakes.uow_db import Row
from tests.fakes.uow_harness import SERVICE_URL, TENANT, FakeBot, FakeUser, card_of, card_text, find_action
from tests.fakes.uow_scenario import ANDERS, EVA, FATIMA, KARIN, MARIA, ROSTER, TESTERS, Day, checkin_started

LARS = "lars.leverantor@leverantor.example"
TEAM, CHANNEL, OTHER_CHANNEL = "19:team-it", "19:supplier@thread.tacv2", "19:general@thread.tacv2"
ROUND_AT = local(2026, 12, 9, 9, 0)
ROUND_1 = "Omgång 1: lokal installation"
JOURNAL_FAILS = {"o_ifo-login": "pass", "o_ifo-journal": "fail", "c_ifo-journal": "Journalen öppnas inte"}
_ids = itertools.count(1)


def _turn(user: FakeUser, kind: TurnKind, conversation: str, conversation_type: str, **fields: Any) -> Turn:
    return Turn(
        kind=kind,
        activity_id=f"ch-{next(_ids)}",
        user_id=user.user_id,
        user_name=user.name,
        aad_object_id=None,
        conversation_id=conversation,
        conversation_type=conversation_type,
        service_url=SERVICE_URL,
        tenant_id=TENANT,
        team_id=TEAM if conversation_type == "channel" else None,
        locale=user.locale,
        timezone="Europe/Stockholm",
        **fields,
    )


async def write(
    bot: FakeBot, user: FakeUser, text: str, conversation: str = CHANNEL, conversation_type: str = "channel"
) -> str:
    """``@Servicefönster <text>`` in a team channel (or a group chat); the bot's answer there."""
    await router.handle_turn(
        bot.svc, _turn(user, TurnKind.MESSAGE, conversation, conversation_type, text=text)
    )
    return str(bot.messages(purpose="reply")[-1].content.get("text"))


async def press(
    bot: FakeBot, user: FakeUser, card: dict[str, Any], verb: str, inputs: dict[str, Any] | None = None
) -> TurnResult:
    """Press a button of a card posted in the supplier channel (Action.Execute)."""
    action = find_action(card, verb)
    data = {**(action.get("data") or {}), **(inputs or {})}
    turn = _turn(
        user, TurnKind.CARD_ACTION, CHANNEL, "channel", verb=action.get("verb"), data=data, invoke=True
    )
    result = await router.handle_turn(bot.svc, turn)
    assert result is not None
    return result


async def _supplier_day() -> tuple[Day, FakeUser]:
    """Everyone checked in, Lars on the roster as the supplier, the supplier channel set."""
    day = await checkin_started()
    bot = day.bot
    async with bot.uow() as uow:
        await uow.people.replace_all(
            [*ROSTER, Person(LARS, "Lars Leverantör", Role.SUPPLIER)], bot.clock.now()
        )
    users = {ANDERS: day.anders, MARIA: day.maria, EVA: day.eva, FATIMA: day.fatima}
    for email in TESTERS:
        await bot.click(users[email], card_of(bot.message(day.checkin_key(email))), "checkin.here")
    assert await write(bot, day.karin, "leverantörskanal") == t("channel.set", "sv")
    return day, bot.user("Lars Leverantör", LARS)


async def _answered_local_round(*, fail: bool) -> tuple[Day, FakeUser]:
    """Lars started the local round at 09:00; everyone answered (Anders' journal failing if
    ``fail``), so the summary and the decision card are out."""
    day, lars = await _supplier_day()
    bot = day.bot
    bot.clock.set(ROUND_AT)
    assert await write(bot, lars, "lokal klar") == t("round.started", "sv", name=ROUND_1, count=3)
    users = {ANDERS: day.anders, MARIA: day.maria, EVA: day.eva}
    for email, user in users.items():
        card = card_of(bot.messages(to=email, purpose="checklist")[-1])
        [prompt] = bot.prompts(kind="checklist", to=email)
        answers = {f"o_{case}": "pass" for case in prompt.case_ids}
        await bot.click(
            user, card, "checklist.submit", JOURNAL_FAILS if fail and email == ANDERS else answers
        )
    await bot.run_jobs()
    return day, lars


def _decision_card(bot: FakeBot, seq: int = 1) -> dict[str, Any]:
    [r] = [r for r in bot.db.select("rounds") if r.seq == seq]
    return card_of(bot.message(f"decision:{r.id}:channel"))


def _decisions(bot: FakeBot) -> list[tuple[str, int | None, str]]:
    return [(d.kind, d.round_seq, d.actor) for d in bot.db.select("decisions")]


def _alerts(bot: FakeBot, email: str = KARIN) -> list[Row]:
    return bot.messages(to=email, purpose="alert")


# --- who may start the rounds and decide ---------------------------------------------------------


async def test_in_the_supplier_channel_only_the_supplier_or_an_admin_starts_a_round() -> None:
    day, lars = await _supplier_day()
    bot = day.bot
    anders_in_channel = await write(bot, day.anders, "lokal klar")
    assert anders_in_channel == t("supplier.not_supplier", "sv", admins=" (Karin Lindqvist)")
    assert bot.db.select("rounds") == []
    [refused] = bot.audit("command.refused")
    assert (refused.actor, refused.detail) == (ANDERS, {"command": "local_ready", "reason": "not_supplier"})
    # Elsewhere than the supplier channel even the supplier is refused.
    assert await write(bot, lars, "lokal klar", OTHER_CHANNEL) == t("round.not_supplier", "sv")
    assert bot.db.select("rounds") == []
    assert await write(bot, lars, "lokal klar") == t("round.started", "sv", name=ROUND_1, count=3)
    [r] = bot.db.select("rounds")
    assert r.started_by == LARS


async def test_the_supplier_in_a_personal_chat_is_told_what_to_do_in_the_channel() -> None:
    day, lars = await _supplier_day()
    bot = day.bot
    await bot.say(lars, "lokal klar")
    assert bot.messages(purpose="reply")[-1].content["text"] == t(
        "supplier.use_channel", "sv", command="lokal klar"
    )
    assert bot.db.select("rounds") == []
    await bot.say(lars, "hej")
    greeting = str(bot.messages(purpose="reply")[-1].content["text"])
    assert greeting == t("supplier.welcome", "sv", name="Lars")
    assert "finns inte i listan" not in greeting


async def test_a_decision_card_button_is_the_suppliers_only() -> None:
    day, lars = await _answered_local_round(fail=False)
    bot = day.bot
    refused = await press(bot, day.anders, _decision_card(bot), "supplier.go")
    assert refused.message == t("supplier.not_supplier", "sv", admins=" (Karin Lindqvist)")
    assert _decisions(bot) == []
    assert bot.audit("command.refused")[-1].detail == {"command": "supplier_go", "reason": "not_supplier"}
    assert card_of(await press(bot, lars, _decision_card(bot), "supplier.go"))


# --- the decision card and the go ----------------------------------------------------------------


async def test_the_go_after_the_local_round_opens_the_citrix_round() -> None:
    day, lars = await _answered_local_round(fail=False)
    bot = day.bot
    card = _decision_card(bot)
    labels = [a["title"] for a in card["actions"]]
    assert labels == ["Klartecken – vi startar Citrix", "Vi rättar felen", "Vi rullar tillbaka"]
    # The Citrix round waits for the local round's go.
    assert await write(bot, lars, "citrix klar") == t("round.citrix_needs_go", "sv")
    assert [r.client for r in bot.db.select("rounds")] == ["local"]

    bot.clock.set(local(2026, 12, 9, 9, 42))
    answered = await press(bot, lars, card, "supplier.go", {"comment": "Ser bra ut"})

    assert _decisions(bot) == [("go", 1, LARS)]
    [audit] = bot.audit("supplier.decision")
    assert (audit.actor, audit.detail) == (
        LARS,
        {"kind": "go", "round": 1, "client": "local", "comment": "Ser bra ut", "name": "Lars Leverantör"},
    )
    shown = card_text(card_of(answered))
    assert "Klartecken – vi startar Citrix** · Lars Leverantör kl. 09:42" in shown
    assert "Ser bra ut" in shown
    assert "actions" not in card_of(answered)  # no buttons left
    assert card_of(bot.message(f"decision:{bot.db.select('rounds')[0].id}:channel")) == card_of(answered)
    [alert] = _alerts(bot)
    assert "gav klartecken för Omgång 1: lokal installation" in card_text(card_of(alert))
    # Clicking again, or writing it, changes nothing.
    again = await press(bot, lars, card, "supplier.go")
    assert again.message is not None
    assert again.message.startswith(
        "Det är redan registrerat (Klartecken – vi startar Citrix, Lars Leverantör"
    )
    assert await write(bot, lars, "vi rättar") == t(
        "decision.settled",
        "sv",
        round=ROUND_1,
        what="Klartecken – vi startar Citrix",
        by="Lars Leverantör kl. 09:42",
    )
    assert len(_decisions(bot)) == 1
    assert await write(bot, lars, "citrix klar") == t("round.started", "sv", name="Omgång 2: Citrix", count=1)


async def test_no_decision_before_the_summary_is_out() -> None:
    day, lars = await _supplier_day()
    bot = day.bot
    assert await write(bot, lars, "klartecken") == t("decision.no_round", "sv")
    await write(bot, lars, "lokal klar")
    assert await write(bot, lars, "klartecken") == t("decision.no_summary", "sv", round=ROUND_1)
    assert _decisions(bot) == []
    assert bot.messages(key="decision:") == []


async def test_the_go_on_the_last_client_puts_the_all_clear_button_in_front_of_the_admin() -> None:
    day, lars = await _answered_local_round(fail=False)
    bot = day.bot
    await write(bot, lars, "klartecken")
    await write(bot, lars, "citrix klar")
    card = card_of(bot.messages(to=FATIMA, purpose="checklist")[-1])
    [prompt] = bot.prompts(kind="checklist", to=FATIMA)
    await bot.click(day.fatima, card, "checklist.submit", {f"o_{c}": "pass" for c in prompt.case_ids})
    await bot.run_jobs()
    citrix = _decision_card(bot, 2)
    assert find_action(citrix, "supplier.go")["title"] == "Klartecken – allt OK"

    await press(bot, lars, citrix, "supplier.go")

    alert = card_of(_alerts(bot)[-1])
    button = find_action(alert, "window.all_clear")
    assert button["title"] == t("board.button_all_clear", "sv")
    assert day.window().state == "testing"  # the admin sends it, not the supplier
    await bot.click(day.karin, alert, "window.all_clear")
    assert day.window().state == "done"


async def test_a_card_of_an_earlier_round_changes_nothing() -> None:
    day, lars = await _answered_local_round(fail=True)
    bot = day.bot
    old_card = _decision_card(bot)
    await write(bot, lars, "vi rättar")
    await write(bot, lars, "rättat")
    await bot.click(day.karin, card_of(_alerts(bot)[-1]), "admin.retest")  # round 2, the retest
    late = await press(bot, lars, old_card, "supplier.rollback")
    assert late.message == t("decision.not_latest", "sv", round=ROUND_1)
    assert [d[0] for d in _decisions(bot)] == ["fixing", "fixed"]
    assert day.window().state == "testing"


# --- fixing, fixed and the retest ----------------------------------------------------------------


async def test_we_fix_then_fixed_gives_the_admin_the_retest_button_and_the_retest_says_so() -> None:
    day, lars = await _answered_local_round(fail=True)
    bot = day.bot
    bot.clock.set(local(2026, 12, 9, 9, 50))
    fixing = await press(bot, lars, _decision_card(bot), "supplier.fixing", {"comment": "SSBTEK-felet"})
    assert [a["title"] for a in card_of(fixing)["actions"]] == ["Rättat – testa om", "Vi rullar tillbaka"]
    await bot.run_jobs()
    board = card_text(card_of(bot.message(f"board:{day.window_id}:channel")))
    assert "rättar felen efter Omgång 1: lokal installation (sedan 09:50)" in board
    assert "Kommentar: SSBTEK-felet" in card_text(card_of(_alerts(bot)[-1]))

    bot.clock.set(local(2026, 12, 9, 10, 20))
    assert await write(bot, lars, "rättat") == " ".join(
        [
            t("decision.recorded", "sv", round=ROUND_1, what="Rättat – testa om"),
            t("decision.next.fixed", "sv"),
        ]
    )
    assert "actions" not in _decision_card(bot)
    alert = card_of(_alerts(bot)[-1])
    assert "har rättat felen efter Omgång 1" in card_text(alert)

    started = await bot.click(day.karin, alert, "admin.retest")
    assert started.message == t("round.started", "sv", name="Omgång 2: omtest, lokal installation", count=1)
    retest = card_of(bot.messages(to=ANDERS, purpose="checklist")[-1])
    assert t("checklist.intro_fixed", "sv") in card_text(retest)
    # The button works once.
    again = await bot.click(day.karin, alert, "admin.retest")
    assert again.message == t("error.no_longer_open", "sv")
    assert len(bot.db.select("rounds")) == 2


async def test_a_retest_without_the_suppliers_word_does_not_say_the_faults_are_fixed() -> None:
    day, lars = await _answered_local_round(fail=True)
    bot = day.bot
    await write(bot, lars, "vi rättar")
    await bot.say(day.karin, "testa om")
    retest = card_text(card_of(bot.messages(to=ANDERS, purpose="checklist")[-1]))
    assert t("checklist.intro_retest", "sv") in retest
    assert "rättat" not in retest


async def test_fixed_without_we_fix_and_a_too_long_comment_change_nothing() -> None:
    day, lars = await _answered_local_round(fail=True)
    bot = day.bot
    assert await write(bot, lars, "rättat") == t("decision.not_fixing", "sv", round=ROUND_1)
    too_long = await press(bot, lars, _decision_card(bot), "supplier.fixing", {"comment": "x" * 1001})
    assert too_long.message == t("decision.comment_too_long", "sv", max=1000)
    assert _decisions(bot) == []
    assert bot.audit("supplier.decision") == []


# --- the roll-back -------------------------------------------------------------------------------


async def test_roll_back_records_the_decision_and_aborts_the_day() -> None:
    day, lars = await _answered_local_round(fail=True)
    bot = day.bot
    answered = await press(bot, lars, _decision_card(bot), "supplier.rollback", {"comment": "Databasen"})
    assert _decisions(bot) == [("rollback", 1, LARS)]
    assert "Vi rullar tillbaka** · Lars Leverantör" in card_text(card_of(answered))
    assert "actions" not in card_of(answered)
    assert day.window().state == "aborted"
    [aborted] = bot.audit("window.aborted")
    assert (aborted.actor, aborted.detail["reason"]) == (LARS, "Databasen")
    # Nothing more to decide.
    assert await write(bot, lars, "klartecken") == t("decision.no_window", "sv")


# --- the supplier channel ------------------------------------------------------------------------


async def test_supplier_channel_only_in_a_team_channel_and_a_move_is_confirmed() -> None:
    day, _lars = await _supplier_day()
    bot = day.bot
    audits = len(bot.audit("supplier_channel.set"))
    assert await write(bot, day.karin, "leverantörskanal", "19:group", "groupChat") == t(
        "channel.not_a_channel", "sv"
    )
    assert await write(bot, day.karin, "leverantörskanal") == t("channel.already", "sv")
    assert len(bot.audit("supplier_channel.set")) == audits
    await write(bot, day.karin, "leverantörskanal", OTHER_CHANNEL)
    question = card_of(bot.messages(purpose="reply")[-1])
    async with bot.uow() as uow:
        channel = await uow.channels.get("supplier")
    assert channel is not None
    assert channel.conversation_id == CHANNEL  # not moved yet

    action = find_action(question, "supplier_channel.confirm")
    turn = _turn(
        day.karin,
        TurnKind.CARD_ACTION,
        OTHER_CHANNEL,
        "channel",
        verb=action["verb"],
        data=action["data"],
        invoke=True,
    )
    moved = await router.handle_turn(bot.svc, turn)
    assert moved is not None
    assert moved.message == t("channel.set", "sv")
    async with bot.uow() as uow:
        channel = await uow.channels.get("supplier")
    assert channel is not None
    assert channel.conversation_id == OTHER_CHANNEL
    [told] = [m for m in bot.messages(purpose="notice") if m.conversation_id == CHANNEL]
    assert told.content["text"] == t("channel.moved_old", "sv", name="Karin Lindqvist")
    # The same answer again changes nothing.
    again = await router.handle_turn(bot.svc, turn)
    assert again is not None
    assert again.message == t("channel.already", "sv")
    assert len([m for m in bot.messages(purpose="notice") if m.conversation_id == CHANNEL]) == 1


async def test_in_a_personal_chat_an_admin_may_decide_for_the_supplier_and_a_tester_may_not() -> None:
    day, _lars = await _answered_local_round(fail=False)
    bot = day.bot
    await bot.say(day.anders, "klartecken")
    assert bot.messages(purpose="reply")[-1].content["text"] == t("error.not_admin", "sv")
    assert bot.audit("command.refused")[-1].detail == {"command": "supplier_go"}
    assert _decisions(bot) == []
    # "klartecken" is no longer the admin's all-clear: from an admin it is the supplier's go.
    await bot.say(day.karin, "klartecken på leverantörens ord")
    assert _decisions(bot) == [("go", 1, KARIN)]
    assert day.window().state == "testing"
    assert str(bot.messages(purpose="reply")[-1].content["text"]).startswith(
        t("decision.recorded", "sv", round=ROUND_1, what="Klartecken – vi startar Citrix")
    )


async def test_help_shows_the_supplier_what_to_write_in_the_channel() -> None:
    day, lars = await _supplier_day()
    bot = day.bot
    await bot.say(lars, "hjälp")
    shown = card_text(card_of(bot.messages(purpose="reply")[-1]))
    for word in ("lokal klar", "citrix klar", "klartecken", "vi rättar", "rättat", "rullar tillbaka"):
        assert f"**{word}**" in shown
    assert "leverantörskanal**" not in shown  # the admin's own setting
    assert "nytt fönster" not in shown


async def test_the_supplier_may_roll_back_after_a_go_and_before_any_round() -> None:
    day, lars = await _answered_local_round(fail=False)
    bot = day.bot
    await write(bot, lars, "klartecken")
    assert await write(bot, lars, "rullar tillbaka Citrix-servern startar inte") == " ".join(
        [
            t("decision.recorded", "sv", round=ROUND_1, what="Vi rullar tillbaka"),
            t("decision.next.rollback", "sv"),
        ]
    )
    assert [d[0] for d in _decisions(bot)] == ["go", "rollback"]
    assert day.window().state == "aborted"

    early, lars = await _supplier_day()  # another day: the update fails before "lokal klar"
    assert await write(early.bot, lars, "vi rullar tillbaka") == " ".join(
        [t("decision.recorded_no_round", "sv", what="Vi rullar tillbaka"), t("decision.next.rollback", "sv")]
    )
    assert [(d.kind, d.round_seq, d.client) for d in early.bot.db.select("decisions")] == [
        ("rollback", None, None)
    ]
    assert early.window().state == "aborted"
