"""The verdict of a day: for each client (local, Citrix) every area in its scope has exactly one
status, and only a client whose every area passed is passed. The one place that decides whether
anything may be called "godkänt"; the summary, the board, the report and the all-clear only show
what it says.

- **godkänt** (passed): every case of the area passed.
- **fel** (failed): at least one case failed.
- **ofullständigt** (incomplete): some cases were answered *Ej testat* or not answered at all.
- **otestat** (untested): nobody tested the area: no checklist asked for it (uncovered after
  escalation, or the client's round has not run), or one did and no answer came back.

A case's state is its latest recorded result over the client's rounds (a retest that has not been
answered yet leaves the earlier result standing: an unanswered retest does not erase a failure).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from bot.domain.areas import sort_areas
from bot.domain.day import Participant, Prompt, Result, Round
from bot.domain.people import Client
from bot.domain.rounds import Outcome
from bot.domain.template import Template


class AreaStatus(StrEnum):
    FAILED = "failed"  # fel
    INCOMPLETE = "incomplete"  # ofullständigt
    UNTESTED = "untested"  # otestat
    PASSED = "passed"  # godkänt


# The order the summary and the report list areas in: what needs someone's attention first.
STATUS_ORDER = (AreaStatus.FAILED, AreaStatus.INCOMPLETE, AreaStatus.UNTESTED, AreaStatus.PASSED)


@dataclass(frozen=True)
class CaseState:
    """One test case as it stands: its latest result, or None if nobody has answered it."""

    case_id: str
    title: str
    outcome: Outcome | None
    comment: str = ""
    tester_email: str | None = None  # who recorded the result, else who was asked
    round_seq: int | None = None  # the round the result came in


@dataclass(frozen=True)
class AreaVerdict:
    area: str
    client: Client
    status: AreaStatus
    cases: tuple[CaseState, ...]  # every case of the area; empty if nobody was asked
    testers: tuple[str, ...] = ()  # e-mail of everyone asked to test it, in the order asked

    @property
    def failures(self) -> tuple[CaseState, ...]:
        return tuple(c for c in self.cases if c.outcome is Outcome.FAIL)

    @property
    def unanswered(self) -> tuple[CaseState, ...]:
        return tuple(c for c in self.cases if c.outcome is None)

    @property
    def not_tested(self) -> tuple[CaseState, ...]:
        """Cases answered *Ej testat*."""
        return tuple(c for c in self.cases if c.outcome is Outcome.UNTESTED)


@dataclass(frozen=True)
class ClientVerdict:
    """The state of one client's areas after the rounds so far (``rounds``: their numbers)."""

    client: Client
    areas: tuple[AreaVerdict, ...]
    rounds: tuple[int, ...] = ()

    @property
    def passed(self) -> bool:
        return bool(self.areas) and all(a.status is AreaStatus.PASSED for a in self.areas)

    @property
    def started(self) -> bool:
        return bool(self.rounds)

    def with_status(self, status: AreaStatus) -> tuple[AreaVerdict, ...]:
        return tuple(a for a in self.areas if a.status is status)

    def ordered(self) -> tuple[AreaVerdict, ...]:
        """Failures first, then incomplete, then untested, then passed; each in the routine's order."""
        return tuple(a for status in STATUS_ORDER for a in self.with_status(status))

    @property
    def failures(self) -> tuple[CaseState, ...]:
        return tuple(c for a in self.areas for c in a.failures)

    def counts(self) -> dict[AreaStatus, int]:
        return {status: len(self.with_status(status)) for status in STATUS_ORDER}


@dataclass(frozen=True)
class DayVerdict:
    """Every client in the day's scope; the day passed only if each of them did."""

    clients: tuple[ClientVerdict, ...]

    @property
    def passed(self) -> bool:
        return bool(self.clients) and all(c.passed for c in self.clients)

    def client(self, client: Client) -> ClientVerdict | None:
        return next((c for c in self.clients if c.client is client), None)

    def open_areas(self) -> tuple[AreaVerdict, ...]:
        """Every area that is not passed, client by client, in the order they need attention."""
        return tuple(a for c in self.clients for a in c.ordered() if a.status is not AreaStatus.PASSED)


@dataclass(frozen=True)
class RoundRecord:
    """What one round asked (its checklists) and what came back (its results)."""

    round: Round
    checklists: Sequence[Prompt] = ()
    results: Sequence[Result] = ()


@dataclass
class _Area:
    asked: dict[str, str] = field(default_factory=dict)  # case id -> e-mail asked
    testers: list[str] = field(default_factory=list)
    latest: dict[str, tuple[Result, int]] = field(default_factory=dict)


def scope(participants: Iterable[Participant]) -> dict[Client, frozenset[str]]:
    """The areas each client's round covers: those of the test resources who use that client."""
    found: dict[Client, set[str]] = {}
    for p in participants:
        for client in p.clients:
            found.setdefault(client, set()).update(p.areas)
    return {c: frozenset(found[c]) for c in Client if found.get(c)}


def client_verdict(
    client: Client, areas: Iterable[str], template: Template, rounds: Iterable[RoundRecord]
) -> ClientVerdict:
    """The state of ``client``'s areas after ``rounds`` (any order; other clients' are ignored)."""
    mine = sorted((r for r in rounds if r.round.client is client), key=lambda r: r.round.seq)
    state: dict[str, _Area] = {}
    for record in mine:
        _take(state, record, template)
    verdicts = tuple(_area_verdict(a, client, template, state.get(a)) for a in sort_areas(list(areas)))
    return ClientVerdict(client, verdicts, tuple(r.round.seq for r in mine))


def day_verdict(
    scopes: Mapping[Client, frozenset[str]], template: Template, rounds: Sequence[RoundRecord]
) -> DayVerdict:
    """Local first, then Citrix, each over its own scope."""
    return DayVerdict(
        tuple(client_verdict(c, scopes[c], template, rounds) for c in Client if scopes.get(c))
    )


def _take(state: dict[str, _Area], record: RoundRecord, template: Template) -> None:
    for prompt in record.checklists:
        for case_id in prompt.case_ids or []:
            area = _area_of(template, case_id)
            if area is None:
                continue
            entry = state.setdefault(area, _Area())
            entry.asked.setdefault(case_id, prompt.recipient_email)
            if prompt.recipient_email not in entry.testers:
                entry.testers.append(prompt.recipient_email)
    for res in record.results:
        entry = state.setdefault(res.area, _Area())
        entry.latest[res.case_id] = (res, record.round.seq)


def _area_of(template: Template, case_id: str) -> str | None:
    try:
        return template.case(case_id)[0]
    except KeyError:
        return None


def _area_verdict(area: str, client: Client, template: Template, entry: _Area | None) -> AreaVerdict:
    if entry is None or not entry.asked:
        return AreaVerdict(area, client, AreaStatus.UNTESTED, ())
    cases = tuple(_case_state(c.id, c.title, entry) for c in template.cases_for(area))
    return AreaVerdict(area, client, _status(cases), cases, tuple(entry.testers))


def _case_state(case_id: str, title: str, entry: _Area) -> CaseState:
    found = entry.latest.get(case_id)
    if found is None:
        return CaseState(case_id, title, None, tester_email=entry.asked.get(case_id))
    res, seq = found
    return CaseState(case_id, title, Outcome(res.outcome), res.comment, res.tester_email, seq)


def _status(cases: tuple[CaseState, ...]) -> AreaStatus:
    outcomes = [c.outcome for c in cases]
    if Outcome.FAIL in outcomes:
        return AreaStatus.FAILED
    if not cases or all(o is None for o in outcomes):
        return AreaStatus.UNTESTED  # asked, and nothing came back
    if all(o is Outcome.PASS for o in outcomes):
        return AreaStatus.PASSED
    return AreaStatus.INCOMPLETE
