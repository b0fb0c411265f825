"""Days built from the domain's own model (rounds, checklists, results), for the tests of what shows
the verdict: the supplier summary, the board's marks, the card tests and hand-built reports
(``judged``). The verdict itself is ``bot.domain.verdict``'s; these only set up what it is decided
from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import replace

from bot.domain.checkin import CheckinState
from bot.domain.day import Participant, Prompt, PromptKind, PromptState, Result, Round, RoundState
from bot.domain.people import Client
from bot.domain.report import RoundReport, WindowReport
from bot.domain.round_summary import round_summary
from bot.domain.rounds import Outcome, RoundKind
from bot.domain.standing import Standing, standing_of, standings
from bot.domain.supplier_summary import SupplierSummary, supplier_summary
from bot.domain.template import Template, TestCase
from bot.domain.verdict import RoundRecord, day_verdict, scope
from bot.services.templates import load_default_template

AT = dt.datetime(2026, 12, 9, 9, 0, tzinfo=dt.UTC)
TEMPLATE = load_default_template()
P, F, U = Outcome.PASS, Outcome.FAIL, Outcome.UNTESTED
NAMES = {
    "anders@k.se": "Anders Holm",
    "johan@k.se": "Johan Berg",
    "maria@k.se": "Maria Sjöberg",
    "nils@k.se": "Nils Åberg",
}
COMMENT = 'Fönstret för beslut öppnas inte; felkod 0x80004005 – "Åtkomst nekad" <b>&</b>'


def a_round(seq: int, client: Client = Client.LOCAL, kind: RoundKind = RoundKind.INITIAL) -> Round:
    return Round(seq, 1, seq, client, kind, RoundState.OPEN, AT, None)


def checklist(r: Round, to: str, case_ids: Sequence[str]) -> Prompt:
    return Prompt(
        f"p{r.id}-{to}",
        1,
        PromptKind.CHECKLIST,
        to,
        None,
        r.id,
        frozenset(),
        list(case_ids),
        PromptState.OPEN,
        None,
        None,
        "k",
    )


def ids(area: str, template: Template = TEMPLATE) -> list[str]:
    return [c.id for c in template.cases_for(area)]


def record(
    r: Round,
    asked: Mapping[str, Sequence[str]],
    answers: Mapping[str, tuple[Outcome, str]] = {},
    *,
    template: Template = TEMPLATE,
    by: Mapping[str, str] = {},
) -> RoundRecord:
    """Round ``r`` asked each e-mail in ``asked`` the given cases; ``answers`` by case id (whoever
    was asked answered, unless ``by`` names someone else)."""
    prompts = [checklist(r, to, cases) for to, cases in asked.items()]
    asked_by = {case: to for to, cases in asked.items() for case in cases}
    results = [
        Result(r.id, template.case(case)[0], case, by.get(case, asked_by[case]), outcome, comment, AT)
        for case, (outcome, comment) in answers.items()
    ]
    return RoundRecord(r, prompts, results)


def passing(cases: Sequence[str]) -> dict[str, tuple[Outcome, str]]:
    return {c: (P, "") for c in cases}


def summary_of(
    scope: frozenset[str], records: Sequence[RoundRecord], template: Template = TEMPLATE
) -> SupplierSummary:
    """The supplier summary of the last of ``records``, as the service puts it together."""
    last = records[-1]
    standing = standing_at(scope, records, template)
    own = round_summary(last.round, template, last.checklists, last.results, NAMES)
    return supplier_summary(standing, own, NAMES)


def standing_at(
    scope: frozenset[str], records: Sequence[RoundRecord], template: Template = TEMPLATE
) -> Standing:
    last = records[-1].round
    return standing_of(last, {Client(last.client): scope}, template, records)


def summary_view(kind: str) -> SupplierSummary:
    """Realistic summaries: ``pass``, ``incomplete`` (an unanswered case, an *Ej testat*, an area
    nobody tested), ``fail`` (every area of the template, failures with long comments) and
    ``retest`` (a passing retest while another area still fails)."""
    r1 = a_round(1)
    if kind == "pass":
        asked = {"anders@k.se": ids("ifo"), "johan@k.se": ids("kir")}
        return summary_of(frozenset({"ifo", "kir"}), [record(r1, asked, passing(ids("ifo") + ids("kir")))])
    if kind == "incomplete":
        answers = passing(ids("ifo")[1:] + ids("kir")[1:]) | {ids("kir")[0]: (U, "Kön var tom")}
        asked = {"anders@k.se": ids("ifo"), "johan@k.se": ids("kir")}
        return summary_of(frozenset({"ifo", "kir", "voo-hsl"}), [record(r1, asked, answers)])
    everything = [c for a in TEMPLATE.areas if a != "kir" for c in ids(a)]
    answers = passing(everything) | {
        ids("lc-boende")[0]: (F, COMMENT),
        ids("ifo")[1]: (F, COMMENT),
    }
    answers.pop(ids("lc-boende")[1])
    first = record(r1, {"anders@k.se": everything}, answers, by={ids("lc-boende")[0]: "nils@k.se"})
    if kind == "fail":
        return summary_of(frozenset(TEMPLATE.areas), [first])
    retest = record(
        a_round(2, kind=RoundKind.RETEST), {"anders@k.se": [ids("ifo")[1]]}, passing([ids("ifo")[1]])
    )
    return summary_of(frozenset(TEMPLATE.areas), [first, retest])


def judged(report: WindowReport, template: Template | None = None) -> WindowReport:
    """A hand-built report with the verdict put in, as the record's assembly does: each round's
    standing and the day's verdict, decided by the domain from the report's own rounds and
    check-ins (``template``: by default the cases the rounds asked, area by area)."""
    template = template or _template_of(report)
    people = [
        Participant(
            i,
            report.window_id,
            c.tester_email,
            c.tester_name,
            frozenset(c.areas),
            frozenset(Client(x) for x in c.clients),
            c.substitute_name,
            c.substitute_email,
            None,
            CheckinState(c.state),
            None,
            c.covered_by_name,
        )
        for i, c in enumerate(report.checkins, 1)
    ]
    records = [_record_of(r) for r in report.rounds]
    scopes = scope(people)
    by_seq = {s.seq: s for s in standings(scopes, template, records)}
    rounds = tuple(replace(r, standing=by_seq[r.seq]) for r in report.rounds)
    return replace(report, rounds=rounds, day_verdict=day_verdict(scopes, template, records))


def _template_of(report: WindowReport) -> Template:
    areas: dict[str, dict[str, TestCase]] = {}
    for r in report.rounds:
        for a in r.areas:
            for c in a.cases:
                areas.setdefault(a.area, {}).setdefault(c.case_id, TestCase(c.case_id, c.title))
    return Template("Testmall", 1, {a: tuple(cases.values()) for a, cases in areas.items()})


def _record_of(r: RoundReport) -> RoundRecord:
    the_round = Round(
        r.seq, 1, r.seq, Client(r.client), RoundKind(r.kind), RoundState.OPEN, r.started_at, None
    )
    prompts = [checklist(the_round, a.tester_email, [c.case_id for c in a.cases]) for a in r.areas]
    results = [
        Result(r.seq, a.area, c.case_id, a.tester_email, Outcome(c.outcome), c.comment, c.recorded_at or AT)
        for a in r.areas
        for c in a.cases
        if c.outcome is not None
    ]
    return RoundRecord(the_round, prompts, results)
