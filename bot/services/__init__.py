"""Application services: one handler per command, working through the unit of work."""
