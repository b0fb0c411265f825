"""What every scenario needs: the bot as a separate process, fresh databases, the machine's facts,
and the few measurements taken from /proc (resident memory, CPU time)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import platform
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import aiohttp
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
# Production mode: a GUID app id, a tenant, tokens checked against the local issuer's keys.
APP_ID = "5c7e3f0a-2b1d-4c6e-9f8a-0d1e2f3a4b5c"
APP_PASSWORD = "bench-secret"
TENANT_ID = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"
CLK_TCK = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def base_env() -> dict[str, str]:
    keep = ("PATH", "HOME", "LANG", "LC_", "PYTHON", "TMPDIR")
    return {k: v for k, v in os.environ.items() if k.startswith(keep)}


def _open_log(path: Path) -> IO[bytes]:
    return path.open("ab")


@dataclass
class Proc:
    """A child process (the bot, the echo bot, the load generator) with its /proc readings."""

    name: str
    argv: list[str]
    env: dict[str, str]
    log: Path
    port: int = 0
    started_at: float = 0.0
    proc: asyncio.subprocess.Process | None = None
    _log_file: IO[bytes] | None = field(default=None, repr=False)

    async def start(self) -> None:
        self._log_file = _open_log(self.log)
        self.started_at = time.monotonic()
        self.proc = await asyncio.create_subprocess_exec(
            *self.argv, cwd=ROOT, env=self.env, stdout=self._log_file, stderr=subprocess.STDOUT
        )

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    async def wait_healthy(self, within: float = 60.0) -> float:
        """Seconds from process start until /healthz answered 200 (polled every 10 ms)."""
        assert self.proc is not None
        deadline = time.monotonic() + within
        url = f"http://127.0.0.1:{self.port}/healthz"
        timeout = aiohttp.ClientTimeout(total=2)
        async with aiohttp.ClientSession(timeout=timeout) as http:
            while time.monotonic() < deadline:
                if self.proc.returncode is not None:
                    raise RuntimeError(f"{self.name} exited during start-up; see {self.log}")
                try:
                    async with http.get(url) as resp:
                        if resp.status == 200:
                            return time.monotonic() - self.started_at
                except (aiohttp.ClientError, TimeoutError):
                    pass
                await asyncio.sleep(0.01)
        raise RuntimeError(f"{self.name} did not answer /healthz within {within} s; see {self.log}")

    def status(self) -> dict[str, int]:
        """VmRSS and VmHWM (peak resident) in kB."""
        found: dict[str, int] = {}
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                found[key] = int(value.split()[0])
        return found

    def cpu_seconds(self) -> float:
        return proc_cpu_seconds(self.pid)

    async def stop(self) -> None:
        if self.proc is not None and self.proc.returncode is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.proc.wait(), 20)
            except TimeoutError:
                self.proc.kill()
                await self.proc.wait()
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None


def proc_cpu_seconds(pid: int, children: bool = False) -> float:
    """User + system CPU time of a process (all its threads), from /proc/PID/stat."""
    raw = Path(f"/proc/{pid}/stat").read_text()
    fields = raw[raw.rindex(")") + 2 :].split()
    # fields[0] is the state (field 3); utime, stime, cutime, cstime are fields 14-17.
    ticks = int(fields[11]) + int(fields[12])
    if children:
        ticks += int(fields[13]) + int(fields[14])
    return ticks / CLK_TCK


def postgres_cpu_seconds() -> float:
    """CPU time of every PostgreSQL server process (backends, and those already reaped)."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if (entry / "comm").read_text().strip() != "postgres":
                continue
            total += proc_cpu_seconds(int(entry.name), children=True)
        except (OSError, ValueError):
            continue
    return total


def bot_env(db_url: str, port: int, issuer_metadata: str, token_url: str, **extra: str) -> dict[str, str]:
    env = base_env()
    env.update(
        {
            "MicrosoftAppId": APP_ID,
            "MicrosoftAppPassword": APP_PASSWORD,
            "MicrosoftAppTenantId": TENANT_ID,
            "DATABASE_URL": db_url,
            "HOST": "127.0.0.1",
            "PORT": str(port),
            "BOT_OPENID_METADATA_URL": issuer_metadata,
            "BOT_TOKEN_ENDPOINT": token_url,
            "LOG_LEVEL": "WARNING",
        }
    )
    env.update(extra)
    return env


def bot_process(workdir: Path, name: str, env: dict[str, str]) -> Proc:
    return Proc(name, [PY, "app.py", "serve"], env, workdir / f"{name}.log", port=int(env["PORT"]))


# --- databases ----------------------------------------------------------------------------------


async def fresh_database(kind: str, workdir: Path, pg_base: str | None) -> str:
    name = f"bench_{uuid.uuid4().hex[:10]}"
    if kind == "sqlite":
        return f"sqlite+aiosqlite:///{workdir}/{name}.db"
    assert pg_base, "PostgreSQL URL needed"
    admin = create_async_engine(pg_base, isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as conn:
            await conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        await admin.dispose()
    return pg_base.rsplit("/", 1)[0] + f"/{name}"


async def drop_database(url: str, pg_base: str | None) -> None:
    if not url.startswith("postgresql") or not pg_base:
        return
    name = url.rsplit("/", 1)[1]
    admin = create_async_engine(pg_base, isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as conn:
            await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        await admin.dispose()


def reader_engine(url: str) -> Any:
    """An engine for the bench's own reads: plain transactions, so that on SQLite a read does not
    take the write lock as the bot's ``BEGIN IMMEDIATE`` does."""
    if url.startswith("sqlite"):
        return create_async_engine(url, connect_args={"timeout": 30})
    return create_async_engine(url, pool_size=2, max_overflow=0)


def start_postgres() -> str:
    out = subprocess.run(
        ["bash", "scripts/start-postgres.sh"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return out.stdout.strip().splitlines()[-1]


# --- numbers -------------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    """Linear interpolation between closest ranks (q in 0..100)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * q / 100.0
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def _memory(free: str) -> str:
    """'23Gi total, 22Gi available' from the output of ``free -h``."""
    lines = free.splitlines()
    fields = lines[1].split() if len(lines) > 1 else []
    return f"{fields[1]} total, {fields[6]} available" if len(fields) > 6 else free


def machine() -> dict[str, str]:
    def run(*argv: str) -> str:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            return subprocess.run(argv, capture_output=True, text=True, check=False).stdout.strip()
        return ""

    cpu = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    pg_version = ""
    with contextlib.suppress(OSError):
        versions = sorted(Path("/usr/lib/postgresql").iterdir(), key=lambda p: p.name)
        if versions:
            pg_version = run(str(versions[-1] / "bin" / "postgres"), "--version")
    return {
        "nproc": run("nproc"),
        "cpu": cpu,
        "memory": _memory(run("free", "-h")),
        "python": platform.python_version(),
        "kernel": platform.release(),
        "postgres": pg_version,
        "sqlite": __import__("sqlite3").sqlite_version,
    }
