"""Benchmarks: fan-out against Teams' rate limits, the endpoint under a burst, memory and start-up.

Run with ``.venv/bin/python -m bench.run [--quick]``; see docs/benchmarks.md. Not part of the tests.
"""
