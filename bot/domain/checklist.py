"""The checklists of a test round: who gets which test cases, and what a submitted checklist card
says. Pure: the services send the cards and record the answers."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from bot.domain.areas import sort_areas
from bot.domain.cover import Cover
from bot.domain.day import Result
from bot.domain.rounds import Outcome, parse_outcome
from bot.domain.template import Template

# A comment is free text from a card; the report and the summary show it, a novel they need not.
COMMENT_LIMIT = 1000


@dataclass(frozen=True)
class Checklist:
    """One person's checklist in a round: their areas and the cases to test, in that order."""

    email: str
    areas: frozenset[str]
    case_ids: tuple[str, ...]


def first_round_checklists(covers: Iterable[Cover], template: Template) -> list[Checklist]:
    """A first round: each cover tests the template's cases of their areas, in the routine's
    order. One person per area, the first cover that has it, so that two people never answer
    the same case; a cover left with no case gets no checklist."""
    taken: set[str] = set()
    checklists = []
    for cover in covers:
        areas = frozenset(a for a in cover.areas if a not in taken and template.cases_for(a))
        taken |= areas
        case_ids = tuple(c.id for a in sort_areas(areas) for c in template.cases_for(a))
        if case_ids:
            checklists.append(Checklist(cover.email, areas, case_ids))
    return checklists


def retest_checklists(failures: Iterable[Result]) -> list[Checklist]:
    """A retest: whoever recorded a failure tests that case again, and only the failed cases."""
    by_tester: dict[str, list[Result]] = {}
    for res in failures:
        by_tester.setdefault(res.tester_email, []).append(res)
    return [
        Checklist(email, frozenset(r.area for r in results), tuple(r.case_id for r in results))
        for email, results in by_tester.items()
    ]


class NotOnCard(ValueError):
    """A submitted input the card did not offer: an unknown outcome, or a case not on it."""


@dataclass(frozen=True)
class Answer:
    """One case's answer on a checklist card."""

    outcome: Outcome
    comment: str


def parse_answers(data: Mapping[str, object], on_card: Collection[str]) -> dict[str, Answer]:
    """The answered cases of a submitted checklist card, in the order the card sent them.

    ``o_<case>`` holds the outcome and ``c_<case>`` the comment; a case left empty is no answer.
    Raises ``NotOnCard`` for an outcome or a case the card did not offer (a forged or stale card)."""
    answers: dict[str, Answer] = {}
    for key, value in data.items():
        if not key.startswith("o_"):
            continue
        case_id = key[2:]
        try:
            outcome = parse_outcome(value)
        except ValueError as exc:
            raise NotOnCard(f"not an outcome: {value!r}") from exc
        if case_id not in on_card:
            raise NotOnCard(f"not on the card: {case_id!r}")
        if outcome is not None:
            comment = data.get(f"c_{case_id}")
            text = comment.strip()[:COMMENT_LIMIT] if isinstance(comment, str) else ""
            answers[case_id] = Answer(outcome, text)
    return answers


def missing_comments(answers: Mapping[str, Answer]) -> list[str]:
    """The failed cases without a comment: the supplier needs to know what went wrong."""
    return [case_id for case_id, a in answers.items() if a.outcome is Outcome.FAIL and not a.comment]


def progress(case_ids: Iterable[str], recorded: Collection[str]) -> tuple[int, int]:
    """(answered, total) of a checklist's cases, given the cases with a recorded result."""
    cases = list(case_ids)
    return len([c for c in cases if c in recorded]), len(cases)
