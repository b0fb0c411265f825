"""Tests of the service-window bot."""
