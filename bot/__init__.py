"""The service-window bot: runs a Procapita service-window day in Microsoft Teams."""

__version__ = "0.1.0"
