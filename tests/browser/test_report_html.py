"""The HTML report in a real browser: headless Chromium renders it without console errors or network
requests, nothing sticks out of the A4 page, and it prints as A4 on more than one page.

Chromium is driven over the DevTools protocol with aiohttp (no Node, no driver download). It must be
installed (Debian: ``apt-get install chromium``; ``.ci/run`` does); otherwise the test is skipped, or
fails when ``REQUIRE_CHROMIUM=1``. ``UPDATE_DOCS_SCREENSHOT=1`` rewrites docs/report-screenshot.png.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import itertools
import json
import os
import re
import shutil
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.bootstrap import create_app
from bot.report.render import render
from bot.services.report import full_report
from tests.conftest import ROOT, Bot, local_settings
from tests.e2e import report_day as day
from tests.fakes.clock import FakeClock, local
from tests.fakes.connector import FakeConnector
from tests.fakes.teams import TeamsDriver

pytestmark = pytest.mark.slow

SCREENSHOT = ROOT / "docs" / "report-screenshot.png"
A4 = (1240, 1754)  # A4 at 150 dpi, for the screenshot


def _chromium() -> str:
    found = os.environ.get("CHROMIUM") or next(
        (p for p in (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")) if p), None
    )
    if found:
        return found
    if os.environ.get("REQUIRE_CHROMIUM") == "1":
        pytest.fail("REQUIRE_CHROMIUM=1 but no Chromium is installed (Debian: apt-get install chromium)")
    pytest.skip("Chromium is not installed (Debian: apt-get install chromium; .ci/run installs it)")


class Chromium:
    """Just enough of the DevTools protocol: one page, commands, and the events it reports."""

    def __init__(self, binary: str, profile: Path) -> None:
        self._binary, self._profile = binary, profile
        self._ids = itertools.count(1)
        self.events: list[dict[str, Any]] = []
        self._proc: asyncio.subprocess.Process | None = None
        self._http: aiohttp.ClientSession | None = None
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self.session: str | None = None

    async def start(self) -> None:
        self._proc = await asyncio.create_subprocess_exec(
            *[
                self._binary,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-default-apps",
                "--disable-extensions",
                "--no-first-run",
                "--no-default-browser-check",
                "--metrics-recording-only",
                "--mute-audio",
                "--hide-scrollbars",
                "--disable-features=Translate,OptimizationHints,MediaRouter",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                f"--user-data-dir={self._profile}",
                "about:blank",
            ],
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )
        port_file = self._profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not port_file.exists() or len(port_file.read_text().splitlines()) < 2:
            assert self._proc.returncode is None, "Chromium exited at start"
            assert time.monotonic() < deadline, "Chromium did not open its DevTools port"
            await asyncio.sleep(0.1)
        port, path = port_file.read_text().splitlines()[:2]
        self._http = aiohttp.ClientSession()
        self._ws = await self._http.ws_connect(f"ws://127.0.0.1:{port}{path}", max_msg_size=0)
        target = await self.send("Target.createTarget", {"url": "about:blank"}, browser=True)
        attached = await self.send(
            "Target.attachToTarget", {"targetId": target["targetId"], "flatten": True}, browser=True
        )
        self.session = attached["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            await self.send(f"{domain}.enable")

    async def stop(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._http is not None:
            await self._http.close()
        if self._proc is not None and self._proc.returncode is None:
            self._proc.terminate()
            try:
                await asyncio.wait_for(self._proc.wait(), 10)
            except TimeoutError:
                self._proc.kill()
                await self._proc.wait()

    async def _receive(self, within: float) -> dict[str, Any]:
        assert self._ws is not None
        msg = await self._ws.receive(timeout=within)
        assert msg.type == aiohttp.WSMsgType.TEXT, msg
        data: dict[str, Any] = json.loads(msg.data)
        return data

    async def send(
        self, method: str, params: dict[str, Any] | None = None, *, browser: bool = False, within: float = 60
    ) -> dict[str, Any]:
        assert self._ws is not None
        ident = next(self._ids)
        message: dict[str, Any] = {"id": ident, "method": method, "params": params or {}}
        if not browser:
            message["sessionId"] = self.session
        await self._ws.send_str(json.dumps(message))
        deadline = time.monotonic() + within
        while True:
            data = await self._receive(max(0.1, deadline - time.monotonic()))
            if data.get("id") == ident:
                assert "error" not in data, (method, data["error"])
                result: dict[str, Any] = data.get("result", {})
                return result
            if "method" in data:
                self.events.append(data)

    async def wait_for(self, event: str, within: float = 60) -> dict[str, Any]:
        deadline = time.monotonic() + within
        for seen in self.events:
            if seen["method"] == event:
                return seen
        while True:
            data = await self._receive(max(0.1, deadline - time.monotonic()))
            if "method" in data:
                self.events.append(data)
                if data["method"] == event:
                    return data

    async def open(self, url: str) -> None:
        self.events.clear()
        await self.send("Page.navigate", {"url": url})
        await self.wait_for("Page.loadEventFired")

    async def evaluate(self, expression: str) -> Any:
        result = await self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        assert "exceptionDetails" not in result, result["exceptionDetails"]
        return result["result"].get("value")

    def problems(self) -> list[str]:
        """Console errors and warnings, uncaught exceptions, and failed or refused loads."""
        out = []
        for e in self.events:
            method, params = e["method"], e.get("params", {})
            if method == "Runtime.exceptionThrown":
                details = params["exceptionDetails"]
                out.append(
                    f"exception: {details.get('text')} {(details.get('exception') or {}).get('description')}"
                )
            elif method == "Runtime.consoleAPICalled" and params.get("type") in (
                "error",
                "warning",
                "assert",
            ):
                out.append(f"console.{params['type']}: {params.get('args')}")
            elif method == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning"):
                out.append(f"log: {params['entry'].get('text')}")
            elif method == "Network.loadingFailed":
                out.append(f"failed load: {params.get('errorText')}")
        return out

    def requests(self) -> list[str]:
        return [
            e["params"]["request"]["url"] for e in self.events if e["method"] == "Network.requestWillBeSent"
        ]


@pytest.fixture
async def chromium(tmp_path: Path) -> AsyncIterator[Chromium]:
    browser = Chromium(_chromium(), tmp_path / "profile")
    await browser.start()
    try:
        yield browser
    finally:
        await browser.stop()


@pytest.fixture
async def rbot(sqlite_url: str, connector: FakeConnector) -> AsyncIterator[Bot]:
    clock = FakeClock(local(2026, 11, 10, 9, 0))
    app = create_app(local_settings(sqlite_url), clock, start_worker=False)
    client = TestClient(TestServer(app))
    await client.start_server()
    try:
        yield Bot(client, TeamsDriver(client, connector), connector, clock)
    finally:
        await client.close()


async def test_the_problem_detector_sees_problems(chromium: Chromium, tmp_path: Path) -> None:
    """So that a clean report below means something."""
    page = tmp_path / "broken.html"
    page.write_text("<!DOCTYPE html><title>x</title><script>console.error('boom'); notDefined();</script>")
    await chromium.open(page.as_uri())
    found = "\n".join(chromium.problems())
    assert "boom" in found
    assert "notDefined" in found


async def test_the_html_report_renders_in_chromium_and_prints_on_a4(
    rbot: Bot, example_roster: str, chromium: Chromium, tmp_path: Path
) -> None:
    c = await day.cast(rbot, example_roster)
    await day.earlier_day(rbot, c)
    window_id = await day.main_day(rbot, c)
    async with rbot.runtime.services.uow() as uow:
        report = await full_report(uow, window_id, rbot.clock.now(), history=True)
    assert report is not None
    page = tmp_path / "report.html"
    page.write_text(render(report, "html"), encoding="utf-8")

    await chromium.send(
        "Emulation.setDeviceMetricsOverride",
        {"width": A4[0], "height": A4[1], "deviceScaleFactor": 1, "mobile": False},
    )
    await chromium.open(page.as_uri())
    assert chromium.problems() == []
    assert chromium.requests() == [page.as_uri()], "the report fetched something"

    facts = await chromium.evaluate("""(() => {
        const page = document.querySelector('.page').getBoundingClientRect();
        const svg = document.querySelector('svg.timeline');
        const sticking = [...document.querySelectorAll('.page *')]
            .filter(e => !e.closest('svg') || e.tagName === 'svg')
            .filter(e => { const r = e.getBoundingClientRect();
                           return r.width > 0 && (r.right > page.right + 0.5 || r.left < page.left - 0.5); })
            .map(e => e.tagName + ' ' + (e.textContent || '').trim().slice(0, 40));
        return {
            title: document.title,
            svgWidth: svg.getBoundingClientRect().width,
            svgHeight: svg.getBoundingClientRect().height,
            lanes: svg.querySelectorAll('circle').length,
            gridRows: document.querySelectorAll('table.grid tbody tr').length,
            chips: document.querySelectorAll('.chip').length,
            sticking: sticking,
            pageWidth: page.width,
        };
    })()""")
    assert facts["title"] == "Rapport: servicefönster onsdagen den 9/12 2026"
    assert facts["sticking"] == [], "elements stick out of the A4 page"
    assert 780 < facts["pageWidth"] < 800  # 210 mm
    assert facts["svgWidth"] > 600
    assert facts["svgHeight"] > 200
    assert facts["gridRows"] == 10
    assert facts["chips"] == 3

    shot = await chromium.send("Page.captureScreenshot", {"format": "png"})
    png = base64.b64decode(shot["data"])
    assert png.startswith(b"\x89PNG")
    assert len(png) > 50_000  # a page, not a blank
    if os.environ.get("UPDATE_DOCS_SCREENSHOT") == "1":
        SCREENSHOT.write_bytes(png)

    pdf = base64.b64decode(
        (await chromium.send("Page.printToPDF", {"printBackground": True, "preferCSSPageSize": True}))["data"]
    )
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    assert boxes
    assert all(abs(float(w) - 595.3) < 1.5 and abs(float(h) - 841.9) < 1.5 for w, h in boxes)
    assert len(boxes) >= 4  # the report, then the appendix on pages of its own
    with contextlib.suppress(OSError):
        (tmp_path / "report.pdf").write_bytes(pdf)
    assert chromium.problems() == []
