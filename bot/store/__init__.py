"""Persistence: SQLAlchemy tables, repositories, the unit of work and the job table."""
