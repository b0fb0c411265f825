"""The service-window day as plain Python: no botbuilder, aiohttp, SQLAlchemy, I/O or clock."""
