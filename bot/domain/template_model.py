"""The test template's model: the limits, the error that lists every problem, test cases, templates.

Plain data; ``bot.domain.template`` is the entry point (and re-exports all of this).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

SUPPORTED_VERSION = 1
DEFAULT_NAME = "Testmall"
ID_MAX = 40
TITLE_MAX = 120
HINT_MAX = 300
NAME_MAX = 120


class TemplateError(ValueError):
    """A template that cannot be used; ``problems`` lists every problem as a Swedish sentence."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems: list[str] = list(problems)
        count = len(self.problems)
        head = "Mallen har ett fel:" if count == 1 else f"Mallen har {count} fel:"
        super().__init__("\n".join([head, *(f"- {p}" for p in self.problems)]))


@dataclass(frozen=True)
class TestCase:
    """One thing a tester checks and answers pass / fail / not tested."""

    __test__ = False  # not a pytest test class, despite the name

    id: str
    title: str
    hint: str | None = None

    def to_dict(self) -> dict[str, str]:
        data = {"id": self.id, "title": self.title}
        if self.hint is not None:
            data["hint"] = self.hint
        return data


@dataclass(frozen=True)
class Template:
    """A validated template: areas in the routine's order, each with its test cases in order."""

    name: str
    version: int
    areas: dict[str, tuple[TestCase, ...]] = field(hash=False)

    def cases_for(self, area: str) -> tuple[TestCase, ...]:
        """The test cases of an area, in order; empty when the template does not cover the area."""
        return self.areas.get(area, ())

    def case(self, case_id: str) -> tuple[str, TestCase]:
        """The area and test case with this id; KeyError when no case has it."""
        for area, case in self.iter_cases():
            if case.id == case_id:
                return area, case
        raise KeyError(case_id)

    def iter_cases(self) -> Iterator[tuple[str, TestCase]]:
        """Every (area, test case) of the template, area by area, in order."""
        for area, cases in self.areas.items():
            for case in cases:
                yield area, case

    def to_dict(self) -> dict[str, object]:
        """Plain data (JSON- and YAML-safe) that ``parse_template`` turns back into an equal template."""
        return {
            "version": self.version,
            "name": self.name,
            "areas": {area: [case.to_dict() for case in cases] for area, cases in self.areas.items()},
        }
