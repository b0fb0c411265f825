"""A round's summary for the supplier, computed from what the round asked and what came back: the
checklists sent, the results recorded, the template's case titles and the testers' names."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from bot.domain.areas import sort_areas
from bot.domain.day import Participant, Prompt, Result, Round
from bot.domain.people import Person
from bot.domain.rounds import AreaSummary, CaseResult, Outcome, RoundKind, RoundSummary
from bot.domain.template import Template


def names_by_email(people: Iterable[Person], participants: Iterable[Participant]) -> dict[str, str]:
    """E-mail -> name of everyone who may have tested: the roster, and the window's substitutes
    (who need not be on the roster themselves)."""
    names = {p.email: p.name for p in people}
    for p in participants:
        if p.substitute_email:
            names.setdefault(p.substitute_email, p.substitute_name or p.substitute_email)
    return names


def round_summary(
    r: Round,
    template: Template,
    checklists: Iterable[Prompt],
    results: Iterable[Result],
    names: Mapping[str, str],
) -> RoundSummary:
    """Every case the round's checklists asked, with its result if there is one, by area in the
    routine's order. A case is credited to whoever recorded it, else to whoever was asked; an
    area to the last tester named for it."""
    recorded = {res.case_id: res for res in results}
    areas: dict[str, list[CaseResult]] = {}
    testers: dict[str, str] = {}
    for prompt in checklists:
        for case_id in prompt.case_ids or []:
            area, case = template.case(case_id)
            res = recorded.get(case_id)
            tester = names.get(res.tester_email if res else prompt.recipient_email, prompt.recipient_email)
            testers[area] = tester
            areas.setdefault(area, []).append(
                CaseResult(
                    area,
                    case_id,
                    case.title,
                    tester,
                    Outcome(res.outcome) if res else None,
                    res.comment if res else "",
                )
            )
    return RoundSummary(
        r.seq,
        r.client,
        RoundKind(r.kind),
        tuple(AreaSummary(a, testers[a], tuple(areas[a])) for a in sort_areas(list(areas))),
    )
