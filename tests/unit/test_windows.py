"""Service windows in bot.domain.windows: what the admin writes, the date checks, the user notice
(routine step 5) and local time to UTC across daylight saving."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.windows import (
    DEFAULT_END,
    DEFAULT_NOTICE_TEMPLATE,
    DEFAULT_START,
    NOTICE_PLACEHOLDERS,
    Window,
    WindowInputError,
    WindowRequest,
    WindowState,
    check_notice_template,
    date_problems,
    local_to_utc,
    notice_text,
    parse_window_request,
)
from bot.i18n import t

STOCKHOLM = "Europe/Stockholm"
ROUTINE_NOTICE = (
    "Procapita omsorg/LifeCare stänger för servicefönster onsdagen den 14/6 med start klockan 8:30-16.30. "
    "Systemet testas i olika omgångar och får inte användas förrän systemförvaltare meddelar detta eller "
    "information finns på insidan"
)


def _window(
    day: dt.date = dt.date(2023, 6, 14),
    start: dt.time = DEFAULT_START,
    end: dt.time = DEFAULT_END,
    case_number: str | None = None,
) -> Window:
    return Window(1, day, start, end, STOCKHOLM, case_number, WindowState.PLANNED)


# --- parse_window_request ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ("2026-12-09", WindowRequest(dt.date(2026, 12, 9), dt.time(8, 30), dt.time(16, 30), None, False)),
        ("  2026-12-09  ", WindowRequest(dt.date(2026, 12, 9), dt.time(8, 30), dt.time(16, 30), None, False)),
        ("2026-1-5", WindowRequest(dt.date(2026, 1, 5), dt.time(8, 30), dt.time(16, 30), None, False)),
        (
            "2026-12-09 08:30-12:00",
            WindowRequest(dt.date(2026, 12, 9), dt.time(8, 30), dt.time(12, 0), None, False),
        ),
        (
            "2026-12-09 8.30 - 16.30",
            WindowRequest(dt.date(2026, 12, 9), dt.time(8, 30), dt.time(16, 30), None, False),
        ),
        (
            "2026-12-09 ärende SD-12345",
            WindowRequest(dt.date(2026, 12, 9), dt.time(8, 30), dt.time(16, 30), "SD-12345", False),
        ),
        (
            "2026-12-09 Ärende SD-12345",
            WindowRequest(dt.date(2026, 12, 9), dt.time(8, 30), dt.time(16, 30), "SD-12345", False),
        ),
        (
            "2026-12-09 arende SD-1",
            WindowRequest(dt.date(2026, 12, 9), dt.time(8, 30), dt.time(16, 30), "SD-1", False),
        ),
        (
            "2026-12-09 case X",
            WindowRequest(dt.date(2026, 12, 9), dt.time(8, 30), dt.time(16, 30), "X", False),
        ),
        (
            "2026-12-09 08:30-16:30 ärende SD-12345",
            WindowRequest(dt.date(2026, 12, 9), dt.time(8, 30), dt.time(16, 30), "SD-12345", False),
        ),
        (
            "2026-12-09 bekräfta",
            WindowRequest(dt.date(2026, 12, 9), dt.time(8, 30), dt.time(16, 30), None, True),
        ),
        (
            "2026-12-09 BEKRÄFTA",
            WindowRequest(dt.date(2026, 12, 9), dt.time(8, 30), dt.time(16, 30), None, True),
        ),
        (
            "2026-12-09 bekrafta",
            WindowRequest(dt.date(2026, 12, 9), dt.time(8, 30), dt.time(16, 30), None, True),
        ),
        (
            "2026-12-12 09:00-15:00 case SD-9 confirm",
            WindowRequest(dt.date(2026, 12, 12), dt.time(9, 0), dt.time(15, 0), "SD-9", True),
        ),
        (
            "2026-12-09 08:30-16:30 ärende SD-12345 bekräfta",
            WindowRequest(dt.date(2026, 12, 9), dt.time(8, 30), dt.time(16, 30), "SD-12345", True),
        ),
    ],
)
def test_parse_window_request(args: str, expected: WindowRequest) -> None:
    assert parse_window_request(args) == expected


def test_defaults_are_the_routines_times() -> None:
    assert (dt.time(8, 30), dt.time(16, 30)) == (DEFAULT_START, DEFAULT_END)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ("", "Ange ett datum, t.ex. *nytt fönster 2026-12-09 08:30-16:30 ärende SD-12345*."),
        ("bekräfta", "Ange ett datum, t.ex. *nytt fönster 2026-12-09 08:30-16:30 ärende SD-12345*."),
        ("9/12", '"9/12" är inget datum. Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-12-09.'),
        ("9 december", '"9" är inget datum. Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-12-09.'),
        ("2026-12-9x", '"2026-12-9x" är inget datum. Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-12-09.'),
        ("2026-02-30", "2026-02-30 finns inte i kalendern. Kontrollera månad och dag."),
        ("2026-13-01", "2026-13-01 finns inte i kalendern. Kontrollera månad och dag."),
        ("2026-00-10", "2026-00-10 finns inte i kalendern. Kontrollera månad och dag."),
        (
            "2026-12-09 16:30-08:30",
            "Fönstret slutar (08:30) innan det börjar (16:30). Skriv t.ex. 08:30-16:30.",
        ),
        (
            "2026-12-09 08:30-08:30",
            "Fönstret slutar (08:30) innan det börjar (08:30). Skriv t.ex. 08:30-16:30.",
        ),
        (
            "2026-12-09 0830-1630",
            '"0830-1630" är ingen tid. Skriv tiden som 08:30-16:30 (start och slut med bindestreck).',
        ),
        (
            "2026-12-09 08:30",
            '"08:30" är ingen tid. Skriv tiden som 08:30-16:30 (start och slut med bindestreck).',
        ),
        ("2026-12-09 25:00-26:00", "25:00-26:00 är ingen giltig tid. Skriv t.ex. 08:30-16:30."),
        ("2026-12-09 08:75-16:30", "08:75-16:30 är ingen giltig tid. Skriv t.ex. 08:30-16:30."),
        (
            "2026-12-09 ärende SD 12345",
            "Ärendenumret ska stå sist och utan mellanslag, t.ex. *ärende SD-12345*.",
        ),
    ],
)
def test_parse_window_request_errors_are_swedish_and_say_how(args: str, message: str) -> None:
    with pytest.raises(WindowInputError) as info:
        parse_window_request(args)
    assert str(info.value) == message
    assert isinstance(info.value, ValueError)


# --- date_problems ----------------------------------------------------------------------------

TODAY = dt.date(2026, 12, 1)  # a Tuesday


def _holidays(day: dt.date) -> str | None:
    return {dt.date(2026, 12, 24): "Julafton", dt.date(2026, 12, 26): "Annandag jul"}.get(day)


@pytest.mark.parametrize(
    ("day", "error", "warnings"),
    [
        (dt.date(2026, 12, 9), None, []),  # a Wednesday
        (TODAY, None, []),  # today is allowed
        (dt.date(2026, 11, 30), "2026-11-30 har redan varit. Välj ett datum från och med i dag.", []),
        (dt.date(2025, 6, 14), "2025-06-14 har redan varit. Välj ett datum från och med i dag.", []),
        (dt.date(2026, 12, 5), None, ["2026-12-05 är en lördag."]),
        (dt.date(2026, 12, 6), None, ["2026-12-06 är en söndag."]),
        (dt.date(2026, 12, 24), None, ["2026-12-24 är en helgdag (Julafton)."]),  # a Thursday
        (
            dt.date(2026, 12, 26),
            None,
            ["2026-12-26 är en lördag.", "2026-12-26 är en helgdag (Annandag jul)."],
        ),
    ],
)
def test_date_problems(day: dt.date, error: str | None, warnings: list[str]) -> None:
    assert date_problems(day, TODAY, _holidays) == (error, warnings)


def test_date_problems_past_holiday_is_only_an_error() -> None:
    calls: list[dt.date] = []

    def holiday(day: dt.date) -> str | None:
        calls.append(day)
        return "Juldagen"

    error, warnings = date_problems(dt.date(2025, 12, 25), TODAY, holiday)
    assert error == "2025-12-25 har redan varit. Välj ett datum från och med i dag."
    assert warnings == []
    assert calls == []


def test_date_problems_asks_the_holiday_function_about_that_day() -> None:
    calls: list[dt.date] = []

    def holiday(day: dt.date) -> str | None:
        calls.append(day)
        return None

    assert date_problems(dt.date(2026, 12, 9), TODAY, holiday) == (None, [])
    assert calls == [dt.date(2026, 12, 9)]


# --- the user notice --------------------------------------------------------------------------


def test_notice_text_is_the_routines_example() -> None:
    window = _window(dt.date(2023, 6, 14))
    assert window.day.weekday() == 2  # a Wednesday, as in the routine
    assert notice_text(window) == ROUTINE_NOTICE
    assert notice_text(window, DEFAULT_NOTICE_TEMPLATE) == ROUTINE_NOTICE


@pytest.mark.parametrize(
    ("day", "start", "end", "fragment"),
    [
        (
            dt.date(2026, 12, 7),
            dt.time(8, 30),
            dt.time(16, 30),
            "måndagen den 7/12 med start klockan 8:30-16.30.",
        ),
        (
            dt.date(2026, 12, 9),
            dt.time(9, 5),
            dt.time(12, 0),
            "onsdagen den 9/12 med start klockan 9:05-12.00.",
        ),
        (
            dt.date(2026, 1, 1),
            dt.time(10, 0),
            dt.time(18, 45),
            "torsdagen den 1/1 med start klockan 10:00-18.45.",
        ),
        (
            dt.date(2026, 12, 13),
            dt.time(7, 0),
            dt.time(9, 0),
            "söndagen den 13/12 med start klockan 7:00-9.00.",
        ),
    ],
)
def test_notice_text_writes_dates_and_times_as_the_routine(
    day: dt.date, start: dt.time, end: dt.time, fragment: str
) -> None:
    assert fragment in notice_text(_window(day, start, end))


def test_notice_text_with_an_edited_template_and_case_number() -> None:
    window = _window(dt.date(2026, 12, 9), case_number="SD-12345")
    template = "Servicefönster {veckodag} {datum}, {start}–{slut} ({ärende}). {{Obs}}"
    assert check_notice_template(template) is None
    assert notice_text(window, template) == "Servicefönster onsdagen 9/12, 8:30–16.30 (SD-12345). {Obs}"
    assert notice_text(_window(), "[{ärende}]") == "[]"


@pytest.mark.parametrize(
    "template",
    [
        DEFAULT_NOTICE_TEMPLATE,
        "Stängt {datum}.",
        "Ingen platshållare alls.",
        " ".join("{" + p + "}" for p in NOTICE_PLACEHOLDERS),
        # Escaped braces, as the error message tells the admin to write them.
        "Obs {{viktigt}}: stängt {datum}.",
        "{{ och }} {datum}",
    ],
)
def test_check_notice_template_accepts(template: str) -> None:
    assert check_notice_template(template) is None
    notice_text(_window(), template)  # and it renders


ALLOWED = "Tillåtna är {veckodag}, {datum}, {start}, {slut}, {ärende}."
EMPTY = (
    "Mallen är tom. Skriv texten efter kommandot, med {veckodag}, {datum}, {start} och {slut} där de ska stå."
)
LONE = "Mallen har en ensam { eller }. Skriv {{ och }} för att få med klammerparenteser."


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("", EMPTY),
        ("   \n ", EMPTY),
        ("Stängt {dag}.", f"Okänd platshållare {{dag}} i mallen. {ALLOWED}"),
        ("Stängt {}.", f"Okänd platshållare {{}} i mallen. {ALLOWED}"),
        ("Stängt {0}.", f"Okänd platshållare {{0}} i mallen. {ALLOWED}"),
        ("Stängt {datum.year}.", f"Okänd platshållare {{datum.year}} i mallen. {ALLOWED}"),
        ("Stängt {datum:>9}.", f"Okänd platshållare {{datum:>9}} i mallen. {ALLOWED}"),
        ("Stängt {datum", LONE),
        ("Stängt datum}", LONE),
        ("Stängt {{datum}", LONE),
    ],
)
def test_check_notice_template_refuses(template: str, message: str) -> None:
    assert check_notice_template(template) == message


# --- local time to UTC ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "utc"),
    [
        # The day before daylight saving starts: CET, UTC+1.
        (dt.date(2026, 3, 28), dt.datetime(2026, 3, 28, 7, 30, tzinfo=dt.UTC)),
        # Last Sunday of March: clocks go forward at 02:00, so 08:30 is CEST, UTC+2.
        (dt.date(2026, 3, 29), dt.datetime(2026, 3, 29, 6, 30, tzinfo=dt.UTC)),
        (dt.date(2026, 6, 17), dt.datetime(2026, 6, 17, 6, 30, tzinfo=dt.UTC)),
        (dt.date(2026, 10, 24), dt.datetime(2026, 10, 24, 6, 30, tzinfo=dt.UTC)),
        # Last Sunday of October: clocks go back at 03:00, so 08:30 is CET again, UTC+1.
        (dt.date(2026, 10, 25), dt.datetime(2026, 10, 25, 7, 30, tzinfo=dt.UTC)),
        (dt.date(2026, 12, 9), dt.datetime(2026, 12, 9, 7, 30, tzinfo=dt.UTC)),
    ],
)
def test_local_to_utc_across_daylight_saving(day: dt.date, utc: dt.datetime) -> None:
    result = local_to_utc(day, dt.time(8, 30), STOCKHOLM)
    assert result == utc
    assert result.utcoffset() == dt.timedelta(0)
    assert result.tzinfo is dt.UTC


def test_window_start_and_end_in_utc() -> None:
    window = _window(dt.date(2026, 3, 29))
    assert window.starts_at == dt.datetime(2026, 3, 29, 6, 30, tzinfo=dt.UTC)
    assert window.ends_at == dt.datetime(2026, 3, 29, 14, 30, tzinfo=dt.UTC)
    assert window.ends_at - window.starts_at == dt.timedelta(hours=8)


@pytest.mark.parametrize(
    ("state", "is_open", "under_way"),
    [
        (WindowState.PLANNED, True, False),
        (WindowState.CHECKIN, True, True),
        (WindowState.TESTING, True, True),
        (WindowState.DONE, False, False),
        (WindowState.CANCELLED, False, False),
        (WindowState.ABORTED, False, False),  # the update failed: over, neither running nor planned
    ],
)
def test_window_state_open(state: WindowState, is_open: bool, under_way: bool) -> None:
    assert state.open is is_open
    assert state.under_way is under_way


def test_every_window_state_has_words_in_both_languages() -> None:
    for state in WindowState:
        assert t(f"state.{state.value}", "sv") != t(f"state.{state.value}", "en")
