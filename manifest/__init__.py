"""The Teams app manifest of the service-window bot: template, icons and the package build.

The modules split the package build the way the work falls:

- ``manifest.icons``: reads the two PNG icons with the standard library and checks them.
- ``manifest.validation``: validates JSON files against Microsoft's official schemas, offline.
- ``manifest.build``: fills in the template, runs the checks, writes the zip; the CLI.
- ``manifest.draw_icons``: a dev tool (needs Pillow) that redraws the icons.

This module holds what they share: where the manifest's files live and the one error type.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

MANIFEST_DIR = Path(__file__).resolve().parent


class ManifestError(Exception):
    """The package cannot be built; ``messages`` lists every problem found."""

    def __init__(self, summary: str, messages: Sequence[str] = ()) -> None:
        self.summary = summary
        self.messages = list(messages)
        super().__init__("\n  ".join([summary, *self.messages]))
