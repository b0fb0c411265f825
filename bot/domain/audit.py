"""The kinds of entry in the audit trail: every one the bot writes, and the report reads.

The values are what the database holds; they never change, since old windows' trails keep them.
"""

from __future__ import annotations

from enum import StrEnum

from bot.domain.checkin import Event


class AuditKind(StrEnum):
    # planning
    WINDOW_CREATED = "window.created"
    WINDOW_MOVED = "window.moved"
    WINDOW_CANCELLED = "window.cancelled"
    WINDOW_ANNOUNCED = "window.announced"
    PLAN_ANSWERED = "plan.answered"
    PLAN_REMINDED = "plan.reminded"
    NOTICE_REMINDED = "notice.reminded"
    NOTICE_TEMPLATE_CHANGED = "notice_template.changed"
    SUPPLIER_CHANNEL_SET = "supplier_channel.set"
    SUPPLIER_LIST_POSTED = "supplier_list.posted"
    SUPPLIER_CHANNEL_MOVED = "supplier_channel.moved"
    # check-in: "checkin.<event>" for each check-in event, and these
    CHECKIN_STARTED = "checkin.started"
    CHECKIN_NOT_STARTED_LATE = "checkin.not_started_late"
    CHECKIN_LATE_ANSWER = "checkin.late_answer"
    CHECKIN_START = "checkin.start"
    CHECKIN_TESTER_HERE = "checkin.tester_here"
    CHECKIN_TESTER_CANT = "checkin.tester_cant"
    CHECKIN_TESTER_TIMEOUT = "checkin.tester_timeout"
    CHECKIN_SUB_HERE = "checkin.sub_here"
    CHECKIN_SUB_CANT = "checkin.sub_cant"
    CHECKIN_SUB_TIMEOUT = "checkin.sub_timeout"
    CHECKIN_SUB_UNREACHABLE = "checkin.sub_unreachable"
    AREA_ASSIGNED = "area.assigned"
    AREA_HANDED_BACK = "area.handed_back"
    # rounds
    ROUND_STARTED = "round.started"
    CHECKLIST_SUBMITTED = "checklist.submitted"
    SUMMARY_POSTED = "summary.posted"
    SUMMARY_UPDATED = "summary.updated"
    WINDOW_ALL_CLEAR = "window.all_clear"
    # the supplier's klartecken / vi rättar / rättat / rullar tillbaka: {kind, round, client, comment}
    SUPPLIER_DECISION = "supplier.decision"
    # the update failed (detail: reason, expected, told), or the day runs longer (from, to, told)
    WINDOW_ABORTED = "window.aborted"
    WINDOW_EXTENDED = "window.extended"
    # refusals
    COMMAND_REFUSED = "command.refused"
    CARD_REFUSED = "card.refused"
    # delivery and mail
    MESSAGE_SENT = "message.sent"
    MESSAGE_UPDATED = "message.updated"
    MESSAGE_UNDELIVERABLE = "message.undeliverable"
    EMAIL_SENT = "email.sent"
    # administration
    ROSTER_IMPORTED = "roster.imported"
    SUBSTITUTE_REGISTERED = "substitute.registered"
    MANAGERS_IMPORTED = "managers.imported"
    TEMPLATE_IMPORTED = "template.imported"
    # data protection
    PRIVACY_RETENTION = "privacy.retention"
    PRIVACY_FORGOTTEN = "privacy.forgotten"
    WINDOW_ANONYMISED = "privacy.window_anonymised"

    @property
    def is_checkin(self) -> bool:
        return self.value.startswith("checkin.")


def checkin_kind(event: Event) -> AuditKind:
    """The audit kind of a check-in event (``checkin.tester_here`` ...)."""
    return AuditKind(f"checkin.{event.value}")
