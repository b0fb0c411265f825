"""Service windows: what one is, how an admin writes one, and the texts generated for it."""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from zoneinfo import ZoneInfo

DEFAULT_START = dt.time(8, 30)
DEFAULT_END = dt.time(16, 30)

WEEKDAYS_SV = ("måndagen", "tisdagen", "onsdagen", "torsdagen", "fredagen", "lördagen", "söndagen")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS_EN = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# The routine's example text, with placeholders. Editable by the admin; this is the default.
DEFAULT_NOTICE_TEMPLATE = (
    "Procapita omsorg/LifeCare stänger för servicefönster {veckodag} den {datum} med start klockan "
    "{start}-{slut}. Systemet testas i olika omgångar och får inte användas förrän systemförvaltare "
    "meddelar detta eller information finns på insidan"
)
NOTICE_PLACEHOLDERS = ("veckodag", "datum", "start", "slut", "ärende")


class WindowState(StrEnum):
    PLANNED = "planned"
    CHECKIN = "checkin"
    TESTING = "testing"
    DONE = "done"
    CANCELLED = "cancelled"
    # The update failed on the day (rolled back, or the admin stopped it): the system stays closed
    # or is restored, the day is over and the window is neither running nor planned.
    ABORTED = "aborted"

    @property
    def open(self) -> bool:
        return self not in (WindowState.DONE, WindowState.CANCELLED, WindowState.ABORTED)

    @property
    def under_way(self) -> bool:
        """The day is running: check-in or testing."""
        return self in (WindowState.CHECKIN, WindowState.TESTING)


@dataclass(frozen=True)
class Window:
    id: int
    day: dt.date
    start: dt.time
    end: dt.time
    timezone: str
    case_number: str | None
    state: WindowState
    announced: bool = False

    @property
    def starts_at(self) -> dt.datetime:
        return local_to_utc(self.day, self.start, self.timezone)

    @property
    def ends_at(self) -> dt.datetime:
        return local_to_utc(self.day, self.end, self.timezone)


def local_to_utc(day: dt.date, at: dt.time, timezone: str) -> dt.datetime:
    """A local wall-clock time as UTC. zoneinfo handles daylight saving (08:30 is 08:30 all year)."""
    return dt.datetime.combine(day, at, tzinfo=ZoneInfo(timezone)).astimezone(dt.UTC)


def hhmm(value: dt.time) -> str:
    return value.strftime("%H:%M")


def routine_time(value: dt.time, sep: str = ":") -> str:
    """As the routine writes times: 8:30, 16.30."""
    return f"{value.hour}{sep}{value.minute:02d}"


def date_sv(day: dt.date, with_weekday: bool = True) -> str:
    """'onsdagen den 9/12' or '9/12 2026'."""
    if with_weekday:
        return f"{WEEKDAYS_SV[day.weekday()]} den {day.day}/{day.month}"
    return f"{day.day}/{day.month} {day.year}"


def date_text(day: dt.date, lang: str) -> str:
    if lang == "en":
        return f"{WEEKDAYS_EN[day.weekday()]} {day.day} {MONTHS_EN[day.month]} {day.year}"
    return f"{WEEKDAYS_SV[day.weekday()]} den {day.day}/{day.month} {day.year}"


def notice_text(window: Window, template: str = DEFAULT_NOTICE_TEMPLATE) -> str:
    """The system message for users (routine step 5), e.g. '... onsdagen den 14/6 med start
    klockan 8:30-16.30 ...'."""
    return template.format(
        veckodag=WEEKDAYS_SV[window.day.weekday()],
        datum=f"{window.day.day}/{window.day.month}",
        start=routine_time(window.start, ":"),
        slut=routine_time(window.end, "."),
        ärende=window.case_number or "",
    )


def check_notice_template(template: str) -> str | None:
    """A Swedish sentence if the template cannot be used, else None."""
    if not template.strip():
        return (
            "Mallen är tom. Skriv texten efter kommandot, med {veckodag}, {datum}, {start} och {slut} "
            "där de ska stå."
        )
    lone_brace = "Mallen har en ensam { eller }. Skriv {{ och }} för att få med klammerparenteser."
    try:
        # string.Formatter knows that {{ and }} are literal braces, which a regex does not.
        fields = [(f, c, s) for _, f, s, c in string.Formatter().parse(template) if f is not None]
    except ValueError:
        return lone_brace
    for field_name, conversion, spec in fields:
        name = field_name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
        if name not in NOTICE_PLACEHOLDERS:
            allowed = ", ".join("{" + p + "}" for p in NOTICE_PLACEHOLDERS)
            return f"Okänd platshållare {{{name}}} i mallen. Tillåtna är {allowed}."
    try:
        template.format(**dict.fromkeys(NOTICE_PLACEHOLDERS, "x"))
    except (ValueError, IndexError):
        return lone_brace
    return None


# --- parsing what the admin wrote -------------------------------------------------------------

_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_RANGE = re.compile(r"^(\d{1,2})[:.](\d{2})\s*-\s*(\d{1,2})[:.](\d{2})$")
_CASE = re.compile(r"^(?:ärende|arende|case)\s+(\S{1,40})$", re.IGNORECASE)


@dataclass(frozen=True)
class WindowRequest:
    day: dt.date
    start: dt.time
    end: dt.time
    case_number: str | None
    confirmed: bool


class WindowInputError(ValueError):
    """What the admin wrote cannot be a window; the message says why and how to write it."""


def parse_date(text: str) -> dt.date:
    match = _DATE.match(text.strip())
    if not match:
        raise WindowInputError(f'"{text}" är inget datum. Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-12-09.')
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise WindowInputError(f"{text} finns inte i kalendern. Kontrollera månad och dag.") from None


def parse_window_request(args: str) -> WindowRequest:
    """'2026-12-09 [08:30-16:30] [ärende SD-12345] [bekräfta]'."""
    text = args.strip()
    confirmed = False
    for word in ("bekräfta", "bekrafta", "confirm"):
        if text.lower().endswith(" " + word) or text.lower() == word:
            confirmed, text = True, text[: -len(word)].strip()
    case_number = None
    case_at = re.search(r"\b(ärende|arende|case)\s+", text, re.IGNORECASE)
    if case_at:
        case_match = _CASE.match(text[case_at.start() :].strip())
        if not case_match:
            raise WindowInputError("Ärendenumret ska stå sist och utan mellanslag, t.ex. *ärende SD-12345*.")
        case_number = case_match[1]
        text = text[: case_at.start()].strip()
    parts = text.split(maxsplit=1)
    if not parts:
        raise WindowInputError("Ange ett datum, t.ex. *nytt fönster 2026-12-09 08:30-16:30 ärende SD-12345*.")
    day = parse_date(parts[0])
    start, end = DEFAULT_START, DEFAULT_END
    if len(parts) > 1:
        match = _RANGE.match(parts[1].strip())
        if not match:
            raise WindowInputError(
                f'"{parts[1]}" är ingen tid. Skriv tiden som 08:30-16:30 (start och slut med bindestreck).'
            )
        try:
            start = dt.time(int(match[1]), int(match[2]))
            end = dt.time(int(match[3]), int(match[4]))
        except ValueError:
            raise WindowInputError(f"{parts[1]} är ingen giltig tid. Skriv t.ex. 08:30-16:30.") from None
        if end <= start:
            raise WindowInputError(
                f"Fönstret slutar ({hhmm(end)}) innan det börjar ({hhmm(start)}). Skriv t.ex. 08:30-16:30."
            )
    return WindowRequest(day, start, end, case_number, confirmed)


def date_problems(
    day: dt.date, today: dt.date, holiday_name: Callable[[dt.date], str | None]
) -> tuple[str | None, list[str]]:
    """(error, warnings): a date in the past is an error; a weekend or a public holiday is a
    warning the admin must confirm."""
    if day < today:
        return f"{day.isoformat()} har redan varit. Välj ett datum från och med i dag.", []
    warnings = []
    if day.weekday() >= 5:
        warnings.append(f"{day.isoformat()} är en {'lördag' if day.weekday() == 5 else 'söndag'}.")
    name = holiday_name(day)
    if name:
        warnings.append(f"{day.isoformat()} är en helgdag ({name}).")
    return None, warnings


def with_confirmation(args: str) -> str:
    """The admin's ``nytt fönster`` arguments with the confirmation word added (the confirm
    button on the warning card sends them back as written)."""
    if args.lower().endswith(("bekräfta", "confirm")):
        return args
    return args + " bekräfta"


def window_number(text: str) -> int | None:
    """The window's number as the admin wrote it (``avboka fönster 3``), or None if it is none."""
    return int(text) if text.isdigit() else None


@dataclass(frozen=True)
class MoveArgs:
    """``flytta fönster 3 2026-12-16`` split into the window and the new date, both as written.
    The date is parsed only once the window is known to be movable: the admin hears about the
    window first."""

    window: str
    day: str


def split_move_args(args: str) -> MoveArgs | None:
    """None unless the arguments are exactly a window and a date."""
    parts = args.split()
    if len(parts) != 2:
        return None
    return MoveArgs(parts[0], parts[1])


def example_window(today: dt.date, timezone: str) -> Window:
    """A window two weeks ahead with the usual times, to show what a notice text would say when
    no window is planned."""
    return Window(
        0, today + dt.timedelta(days=14), DEFAULT_START, DEFAULT_END, timezone, None, WindowState.PLANNED
    )
