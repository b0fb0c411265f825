"""The messages and the answers of a window's report: every card, text and e-mail the bot sent, and
every answer someone gave on a card, with the card it came through."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from bot.domain.audit import AuditKind
from bot.domain.day import PromptKind
from bot.domain.record_rows import (
    AuditRow,
    EmailJobRow,
    MessageRow,
    Names,
    ParticipantRow,
    PromptRow,
    RoundRow,
    participant_by_email,
)
from bot.domain.report import AnswerLine, MessageLine

# Audit kinds that are answers someone gave on a card.
ANSWER_KINDS: frozenset[AuditKind] = frozenset(
    {
        AuditKind.PLAN_ANSWERED,
        AuditKind.CHECKIN_TESTER_HERE,
        AuditKind.CHECKIN_TESTER_CANT,
        AuditKind.CHECKIN_SUB_HERE,
        AuditKind.CHECKIN_SUB_CANT,
        AuditKind.CHECKIN_LATE_ANSWER,
        AuditKind.CHECKLIST_SUBMITTED,
        AuditKind.CARD_REFUSED,
    }
)
_HERE = frozenset({AuditKind.CHECKIN_TESTER_HERE, AuditKind.CHECKIN_SUB_HERE})
# The substitute's check-in answers come through the substitute's card.
_SUBSTITUTE_ANSWERS = frozenset({AuditKind.CHECKIN_SUB_HERE, AuditKind.CHECKIN_SUB_CANT})
# An e-mail job's state, in the words of the outbox's messages.
_EMAIL_STATES = {
    "done": "sent",
    "pending": "pending",
    "running": "pending",
    "failed": "dead",
    "dead": "dead",
    "cancelled": "cancelled",
}


def card_title(content: Mapping[str, Any] | None) -> str:
    """The heading of a message: the first text of its card, or the first line of its text."""
    content = content or {}
    for attachment in content.get("attachments") or []:
        body = (attachment.get("content") or {}).get("body") or []
        for element in body:
            found = _first_text(element)
            if found:
                return found
    text = str(content.get("text") or "")
    first = text.strip().splitlines()[0] if text.strip() else ""
    return first.replace("**", "")[:160]


def _first_text(node: Any) -> str:
    if isinstance(node, dict):
        if node.get("type") == "TextBlock" and isinstance(node.get("text"), str):
            return str(node["text"]).replace("**", "")[:160]
        for key in ("items", "columns"):
            for child in node.get(key) or []:
                found = _first_text(child)
                if found:
                    return found
    return ""


def message_lines(
    messages: Sequence[MessageRow], email_jobs: Sequence[EmailJobRow], names: Names
) -> tuple[MessageLine, ...]:
    """The outbox's messages and the e-mails, in the order they were created."""
    out = [_outbox_line(m, names) for m in messages] + [_email_line(j, names) for j in email_jobs]
    out.sort(key=lambda m: m.created_at)
    return tuple(out)


def _outbox_line(m: MessageRow, names: Names) -> MessageLine:
    # Without a channel or a recipient it was a reply in a chat.
    channel = m.channel_purpose or (None if m.recipient_email else "reply")
    return MessageLine(
        key=m.key,
        purpose=m.purpose,
        title=card_title(m.content),
        recipient_email=m.recipient_email,
        recipient_name=names.of(m.recipient_email) if m.recipient_email else None,
        channel=channel,
        created_at=m.created_at,
        delivered_at=m.delivered_at,
        state=m.state,
        version=m.version,
        sent_version=m.sent_version,
        error=m.error,
    )


def _email_line(j: EmailJobRow, names: Names) -> MessageLine:
    payload = j.payload or {}
    to = str(payload.get("to", ""))
    return MessageLine(
        key=j.key,
        purpose="email",
        title=str(payload.get("subject", "")),
        recipient_email=to,
        recipient_name=names.of(to),
        channel=None,
        created_at=j.created_at,
        delivered_at=j.finished_at if j.state == "done" else None,
        state=_EMAIL_STATES.get(j.state, j.state),
        version=1,
        sent_version=1 if j.state == "done" else 0,
        error=j.last_error,
    )


def answer_lines(
    audit: Sequence[AuditRow],
    prompts: Sequence[PromptRow],
    rounds: Sequence[RoundRow],
    parts: Sequence[ParticipantRow],
    messages: Sequence[MessageRow],
    names: Names,
) -> tuple[AnswerLine, ...]:
    """Every answer given on a card (the bot's own escalations aside), with the card's key and title."""
    by_id = {p.id: p for p in prompts}
    titles = {m.key: card_title(m.content) for m in messages}
    round_ids = {r.seq: r.id for r in rounds}
    out = []
    for a in audit:
        if a.kind not in ANSWER_KINDS:
            continue
        kind = AuditKind(a.kind)
        if kind.is_checkin and a.actor in ("bot", ""):
            continue  # the bot's own escalations are not answers
        detail: dict[str, Any] = dict(a.detail or {})
        prompt = by_id.get(str(detail.get("prompt", ""))) or _guess_prompt(
            a, kind, detail, prompts, parts, round_ids
        )
        key = prompt.message_key if prompt is not None else None
        out.append(
            AnswerLine(
                a.at,
                names.actor(a.actor),
                a.actor,
                a.kind,
                _what(kind, detail, names),
                key,
                titles.get(key) if key else None,
                a.id,
            )
        )
    return tuple(out)


def _what(kind: AuditKind, detail: Mapping[str, Any], names: Names) -> dict[str, Any]:
    """What the answer was: the cases of a checklist, the plan, a refusal, or here/can't/late."""
    if kind == AuditKind.CHECKLIST_SUBMITTED:
        return {"cases": detail.get("answers") or {}, "round": detail.get("round")}
    if kind == AuditKind.PLAN_ANSWERED:
        return {"answer": detail.get("answer"), "substitute": names.of(detail.get("substitute"))}
    if kind == AuditKind.CARD_REFUSED:
        return {"refused": detail.get("reason", "")}
    if kind == AuditKind.CHECKIN_LATE_ANSWER:
        return {"answer": "late"}
    return {"answer": "here" if kind in _HERE else "cant"}


def _guess_prompt(
    a: AuditRow,
    kind: AuditKind,
    detail: Mapping[str, Any],
    prompts: Sequence[PromptRow],
    parts: Sequence[ParticipantRow],
    round_ids: Mapping[int, int],
) -> PromptRow | None:
    """The card an answer came through, for entries written before answers named their card."""
    candidates: list[PromptRow] = []
    if kind.is_checkin:
        p = participant_by_email(parts, detail.get("participant"))
        wanted = PromptKind.CHECKIN_SUB if kind in _SUBSTITUTE_ANSWERS else PromptKind.CHECKIN
        candidates = [x for x in prompts if p is not None and x.participant_id == p.id and x.kind == wanted]
    elif kind == AuditKind.PLAN_ANSWERED:
        candidates = [x for x in prompts if x.kind == PromptKind.ANNOUNCE and x.recipient_email == a.actor]
    elif kind == AuditKind.CHECKLIST_SUBMITTED:
        round_id = round_ids.get(int(detail.get("round") or 0))
        candidates = [
            x
            for x in prompts
            if x.kind == PromptKind.CHECKLIST and x.round_id == round_id and x.recipient_email == a.actor
        ]
    # The latest card sent before the answer (or, failing that, the latest at all).
    before = [x for x in candidates if x.created_at <= a.at]
    found = before or candidates
    return found[-1] if found else None
