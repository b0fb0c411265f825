"""Days Swedish offices are closed: the public holidays in law plus the eves everyone takes off.
A window on such a day is allowed, but the admin must confirm it (see ``date_problems``)."""

from __future__ import annotations

import datetime as dt

import holidays

# The eves are not public holidays in law, but the offices are closed and nobody is there to test.
_EVES = {(12, 24): "julafton", (12, 31): "nyårsafton"}


def holiday_name(day: dt.date) -> str | None:
    """The Swedish name of the holiday ``day`` is, or None on an ordinary day."""
    table = holidays.country_holidays("SE", years=[day.year], language="sv")
    name = table.get(day)
    if name:
        return str(name)
    if (day.month, day.day) in _EVES:
        return _EVES[(day.month, day.day)]
    # Midsummer Eve moves with Midsummer Day (a Saturday in June), which the table knows.
    midsummer = next((d for d, n in table.items() if str(n).lower().startswith("midsommardagen")), None)
    if midsummer and day == midsummer - dt.timedelta(days=1):
        return "midsommarafton"
    return None
