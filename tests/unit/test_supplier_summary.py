"""The supplier summary (bot.domain.supplier_summary, cards.summary): the verdict of the round's
client as of the round decides whether it is passed; failures first, then incomplete and untested
areas by name, then the passed ones; unanswered cases counted per person."""

from __future__ import annotations

from bot.domain.people import Client
from bot.domain.rounds import RoundKind
from bot.domain.supplier_summary import SupplierSummary
from bot.domain.verdict import AreaStatus
from bot.i18n import Lang
from cards.summary import summary_card
from tests.fakes.teams import card_text
from tests.unit.verdict_days import (
    COMMENT,
    F,
    P,
    U,
    a_round,
    ids,
    passing,
    record,
    summary_of,
    summary_view,
)

LOCAL = frozenset({"ifo", "kir", "voo-hsl"})


def text_of(kind_or_view: SupplierSummary | str, lang: Lang = "sv") -> str:
    view = summary_view(kind_or_view) if isinstance(kind_or_view, str) else kind_or_view
    return card_text(summary_card("Sammanställning", view, None, lang))


def test_everything_passed_is_the_only_allt_godkant() -> None:
    view = summary_view("pass")
    assert view.passed
    text = text_of(view)
    assert "✅ Allt godkänt – omgången är godkänd" in text
    assert "IFO Lagrum SoL/LVU/LVM/FB: godkänt (7 punkter) – testat av Anders Holm" in text
    assert "Områden: 2 godkänt" in text


def test_an_area_nobody_tested_is_named_and_the_round_is_not_passed() -> None:
    r = a_round(1)
    # Every checklist sent came back passed, but VoO HSL went to nobody (tester and substitute silent).
    view = summary_of(
        LOCAL, [record(r, {"anders@k.se": ids("ifo") + ids("kir")}, passing(ids("ifo") + ids("kir")))]
    )
    assert not view.passed
    assert [(a.area, a.status) for a in view.open] == [("voo-hsl", AreaStatus.UNTESTED)]
    text = text_of(view)
    assert "godkänt" not in text.split("\n")[1]  # the headline
    assert "Allt godkänt" not in text
    assert "⏳ Omgången är inte godkänd" in text
    assert "➖ **VoO lagrum HSL**: otestat" in text
    assert "Ingen testade området" in text
    assert "Områden: 1 otestat · 2 godkänt" in text
    english = text_of(view, "en")
    assert "The round is not passed" in english
    assert "**VoO lagrum HSL**: untested" in english


def test_ej_testat_makes_the_area_incomplete_and_the_round_not_passed() -> None:
    r = a_round(1)
    answers = passing(ids("ifo") + ids("kir")[1:]) | {ids("kir")[0]: (U, "Kön var tom")}
    view = summary_of(
        frozenset({"ifo", "kir"}), [record(r, {"anders@k.se": ids("ifo") + ids("kir")}, answers)]
    )
    assert [(a.area, a.status) for a in view.open] == [("kir", AreaStatus.INCOMPLETE)]
    text = text_of(view)
    assert "Allt godkänt" not in text
    assert "⏳ **KIR**: ofullständigt" in text
    assert "Ej testat: " in text
    assert "(Kön var tom)" in text


def test_unanswered_cases_are_counted_per_person_and_area() -> None:
    r = a_round(1)
    asked = {"anders@k.se": ids("ifo"), "johan@k.se": ids("kir")}
    view = summary_of(frozenset({"ifo", "kir"}), [record(r, asked, passing(ids("ifo")[:2]))])
    text = text_of(view)
    assert f"Anders Holm: {len(ids('ifo')) - 2} punkter saknar svar" in text
    assert f"Johan Berg: {len(ids('kir'))} punkter saknar svar" in text
    for case in ids("ifo")[2:]:
        assert case not in text
    # IFO is partly answered (incomplete); KIR not at all (untested): incomplete comes first.
    assert text.index("**IFO") < text.index("**KIR")
    assert view.unanswered == len(ids("ifo")) - 2 + len(ids("kir"))


def test_failures_first_with_comment_and_tester_then_open_areas_then_passed() -> None:
    text = text_of("fail")
    assert "❌ 2 fel – omgången är inte godkänd" in text
    assert f"{COMMENT} (testat av Nils Åberg)" in text  # who recorded it, not who was asked
    assert text.index(COMMENT) < text.index("LifeCare Boende")  # the failed areas lead
    assert text.index("**KIR**: otestat") < text.index("VoO avgifter: godkänt")
    assert text.index("LifeCare Boende") < text.index("**KIR**")


def test_a_passing_retest_with_another_area_still_failing_is_not_allt_godkant() -> None:
    view = summary_view("retest")
    assert view.kind is RoundKind.RETEST
    assert view.client is Client.LOCAL
    assert [(c.area, c.outcome) for c in view.retested] == [("ifo", P)]
    text = text_of(view)
    assert "Allt godkänt" not in text
    assert "❌ 1 fel – omgången är inte godkänd" in text  # LifeCare Boende still fails
    assert "Omtestat i den här omgången" in text
    assert "Läget för lokal installation efter omgången" in text
    # The retested case first, then the state of the whole client.
    assert text.index("Omtestat") < text.index("Läget för") < text.index(COMMENT)


def test_a_retest_that_fixed_everything_is_passed() -> None:
    r1, r2 = a_round(1), a_round(2, kind=RoundKind.RETEST)
    failing = ids("kir")[0]
    first = record(r1, {"johan@k.se": ids("kir")}, passing(ids("kir")) | {failing: (F, "Sökningen hänger")})
    retest = record(r2, {"johan@k.se": [failing]}, passing([failing]))
    view = summary_of(frozenset({"kir"}), [first, retest])
    assert view.passed
    assert "✅ Allt godkänt – omgången är godkänd" in text_of(view)
