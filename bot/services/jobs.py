"""Job handlers of the features (timers): kind -> handler. Filled in by planning and the day."""

from __future__ import annotations

from bot.services.context import Services
from bot.services.ports import JobHandler


def handlers(svc: Services) -> dict[str, JobHandler]:
    return {}
