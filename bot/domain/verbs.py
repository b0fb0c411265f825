"""The verbs a card's button carries back to the bot: one name per action, shared by the cards
that put them on buttons and the router that dispatches them."""

from __future__ import annotations

from enum import StrEnum


class Verb(StrEnum):
    # planning
    WINDOW_CONFIRM = "window.confirm"
    WINDOW_ANNOUNCE = "window.announce"
    WINDOW_SUPPLIER_LIST = "window.supplier_list"
    PLAN_COMING = "plan.coming"
    PLAN_CANT = "plan.cant"
    PLAN_CHANGE = "plan.change"
    # the day
    CHECKIN_HERE = "checkin.here"
    CHECKIN_CANT = "checkin.cant"
    ADMIN_HANDBACK = "admin.handback"
    ADMIN_ASSIGN = "admin.assign"
    ROUND_LOCAL = "round.local"
    ROUND_CITRIX = "round.citrix"
    ROUND_SUMMARY = "round.summary"
    WINDOW_ALL_CLEAR = "window.all_clear"
    # The all-clear although something is open, with the admin's written reason.
    WINDOW_ALL_CLEAR_OVERRIDE = "window.all_clear_override"
    CHECKLIST_SUBMIT = "checklist.submit"
    # the supplier's decision card (each carries the window and the round it answers)
    SUPPLIER_GO = "supplier.go"
    SUPPLIER_FIXING = "supplier.fixing"
    SUPPLIER_FIXED = "supplier.fixed"
    SUPPLIER_ROLLBACK = "supplier.rollback"
    # the admin's "Testa om" once the supplier has said "rättat"
    ADMIN_RETEST = "admin.retest"
    # moving the supplier channel, confirmed in the new channel
    SUPPLIER_CHANNEL_CONFIRM = "supplier_channel.confirm"

    @classmethod
    def parse(cls, value: str | None) -> Verb | None:
        """The verb a card carried, or None for anything the bot does not know (old or forged)."""
        try:
            return cls(value) if value else None
        except ValueError:
            return None
