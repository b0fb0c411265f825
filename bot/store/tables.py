"""The database schema as SQLAlchemy Core tables. Alembic migrations are the only way it changes."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from bot.store.types import JSONText, UTCDateTime

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# --- people and identity -------------------------------------------------------------------

people = Table(
    "people",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("email", String(254), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("role", String(10), nullable=False),
    Column("areas", String(400), nullable=False, default=""),
    Column("clients", String(40), nullable=False, default=""),
    Column("substitute_name", String(200)),
    Column("substitute_email", String(254)),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

# Who someone is in Teams. Keyed by the Teams user id; matched to the roster by e-mail, which is
# how substitutes (often not on the roster) are found too.
identities = Table(
    "identities",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", String(200), nullable=False, unique=True),
    Column("aad_object_id", String(64)),
    Column("email", String(254), index=True),
    Column("name", String(200)),
    Column("tenant_id", String(64)),
    Column("service_url", String(500)),
    Column("conversation_id", String(500)),
    Column("locale", String(20)),
    Column("timezone", String(64)),
    Column("reachable", Boolean, nullable=False, default=True),
    Column("updated_at", UTCDateTime, nullable=False),
)

managers = Table(
    "managers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("email", String(254), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("organisation", String(200), nullable=False, default=""),
    Column("created_at", UTCDateTime, nullable=False),
)

# Conversations the bot posts to that are not 1:1 chats (the supplier channel).
channels = Table(
    "channels",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("purpose", String(40), nullable=False, unique=True),
    Column("conversation_id", String(500), nullable=False),
    Column("service_url", String(500), nullable=False),
    Column("tenant_id", String(64)),
    Column("team_id", String(500)),
    Column("set_by", String(254)),
    Column("set_at", UTCDateTime, nullable=False),
)

# Editable texts (e.g. the user-notice template); a missing key means the catalogue default.
texts = Table(
    "texts",
    metadata,
    Column("key", String(100), primary_key=True),
    Column("value", Text, nullable=False),
    Column("updated_by", String(254)),
    Column("updated_at", UTCDateTime, nullable=False),
)

# --- durable work ----------------------------------------------------------------------------

jobs = Table(
    "jobs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(300), nullable=False, unique=True),
    Column("kind", String(40), nullable=False),
    Column("payload", JSONText, nullable=False),
    Column("due_at", UTCDateTime, nullable=False),
    Column("state", String(12), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    # Set when the job is asked to run again while a worker holds it (e.g. a card changed again).
    Column("rerun", Boolean, nullable=False, default=False),
    Column("lease_until", UTCDateTime),
    Column("leased_by", String(100)),
    Column("last_error", String(500)),
    Column("window_id", Integer),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("finished_at", UTCDateTime),
)
Index("ix_jobs_state_due", jobs.c.state, jobs.c.due_at)

# The outbox: what each message the bot owns should say. A delivery job makes Teams match it,
# creating the message the first time and updating it in place afterwards.
messages = Table(
    "messages",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(300), nullable=False, unique=True),
    Column("recipient_email", String(254), index=True),
    Column("channel_purpose", String(40)),
    Column("purpose", String(40), nullable=False),
    Column("content", JSONText, nullable=False),
    Column("version", Integer, nullable=False, default=1),
    Column("sent_version", Integer, nullable=False, default=0),
    Column("state", String(12), nullable=False),
    # Direct address for replies to someone not (yet) known by e-mail.
    Column("service_url", String(500)),
    Column("conversation_id", String(500)),
    Column("activity_id", String(500)),
    Column("error", String(500)),
    Column("window_id", Integer, index=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("delivered_at", UTCDateTime),
)

# Inbound activities already acted on: Teams resends when the bot is slow.
inbound = Table(
    "inbound",
    metadata,
    Column("key", String(300), primary_key=True),
    Column("at", UTCDateTime, nullable=False),
)

audit = Table(
    "audit",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("window_id", Integer, index=True),
    Column("at", UTCDateTime, nullable=False),
    Column("actor", String(254), nullable=False),
    Column("kind", String(60), nullable=False),
    Column("detail", JSONText, nullable=False),
)

# --- service windows -------------------------------------------------------------------------

windows = Table(
    "windows",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("day", Date, nullable=False),
    Column("start_local", String(5), nullable=False),
    Column("end_local", String(5), nullable=False),
    Column("starts_at", UTCDateTime, nullable=False),
    Column("ends_at", UTCDateTime, nullable=False),
    Column("timezone", String(64), nullable=False),
    Column("case_number", String(40)),
    Column("state", String(20), nullable=False),
    Column("template", JSONText),
    Column("announced_at", UTCDateTime),
    Column("created_by", String(254), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

participants = Table(
    "participants",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("window_id", Integer, ForeignKey("windows.id"), nullable=False),
    Column("email", String(254), nullable=False),
    Column("name", String(200), nullable=False),
    Column("areas", String(400), nullable=False),
    Column("clients", String(40), nullable=False),
    Column("substitute_name", String(200)),
    Column("substitute_email", String(254)),
    Column("plan_answer", String(10)),
    Column("plan_answered_at", UTCDateTime),
    Column("checkin_state", String(20), nullable=False),
    Column("covered_by_email", String(254)),
    Column("covered_by_name", String(200)),
    Column("updated_at", UTCDateTime, nullable=False),
    UniqueConstraint("window_id", "email", name="uq_participants_window_email"),
)

# A question put to one person on a card. The card carries only the prompt id; the server
# decides whether the clicker may answer it and whether it is still open.
prompts = Table(
    "prompts",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("window_id", Integer, ForeignKey("windows.id"), nullable=False, index=True),
    Column("kind", String(20), nullable=False),
    Column("recipient_email", String(254), nullable=False),
    Column("participant_id", Integer, ForeignKey("participants.id")),
    Column("round_id", Integer),
    Column("areas", String(400), nullable=False, default=""),
    Column("case_ids", JSONText),
    Column("state", String(12), nullable=False),
    Column("answer", JSONText),
    Column("answered_at", UTCDateTime),
    Column("message_key", String(300), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)

rounds = Table(
    "rounds",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("window_id", Integer, ForeignKey("windows.id"), nullable=False, index=True),
    Column("seq", Integer, nullable=False),
    Column("client", String(10), nullable=False),
    Column("kind", String(10), nullable=False),
    Column("state", String(10), nullable=False),
    Column("started_by", String(254), nullable=False),
    Column("started_at", UTCDateTime, nullable=False),
    Column("closed_at", UTCDateTime),
    UniqueConstraint("window_id", "seq", name="uq_rounds_window_seq"),
)

results = Table(
    "results",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("round_id", Integer, ForeignKey("rounds.id"), nullable=False),
    Column("window_id", Integer, nullable=False, index=True),
    Column("area", String(40), nullable=False),
    Column("case_id", String(60), nullable=False),
    Column("tester_email", String(254), nullable=False),
    Column("outcome", String(10), nullable=False),
    Column("comment", String(1000), nullable=False, default=""),
    Column("recorded_at", UTCDateTime, nullable=False),
    UniqueConstraint("round_id", "case_id", name="uq_results_round_case"),
)

decisions = Table(
    "decisions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("window_id", Integer, ForeignKey("windows.id"), nullable=False, index=True),
    Column("kind", String(10), nullable=False),
    Column("round_seq", Integer),
    Column("client", String(10)),
    Column("comment", String(1000), nullable=False, default=""),
    Column("actor", String(254), nullable=False),
    Column("actor_name", String(200), nullable=False),
    Column("at", UTCDateTime, nullable=False),
)

area_assignments = Table(
    "area_assignments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("window_id", Integer, ForeignKey("windows.id"), nullable=False),
    Column("area", String(40), nullable=False),
    Column("email", String(254), nullable=False),
    Column("name", String(200), nullable=False),
    Column("assigned_by", String(254), nullable=False),
    Column("assigned_at", UTCDateTime, nullable=False),
    UniqueConstraint("window_id", "area", name="uq_area_assignments_window_area"),
)
