"""Results as Markdown tables, the targets checked, and the results section of docs/benchmarks.md."""

from __future__ import annotations

from pathlib import Path
from typing import Any

START = "<!-- bench:results:start -->"
END = "<!-- bench:results:end -->"

FANOUT_RATIO = 1.15
CPU_RATIO = 2.0
MEMORY_MB = 200.0
STARTUP_S = 3.0


def p99_target(n: int) -> float:
    return 1.0 if n <= 200 else 5.0


def _ok(good: bool) -> str:
    return "✅" if good else "❌"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def _mb(kb: float) -> str:
    return f"{kb / 1024:.0f} MB"


def fanout_met(r: dict[str, Any]) -> bool:
    return r["ratio"] <= FANOUT_RATIO and r["lost"] == 0 and r["duplicates"] == 0 and r["violations"] == 0


def burst_met(r: dict[str, Any]) -> bool:
    b = r["bot"]
    return (
        b["p99_s"] < p99_target(r["n"])
        and b["errors"] == 0
        and r["verify"]["lost"] == 0
        and r["ratios"]["cpu_per_req"] <= CPU_RATIO
    )


def missed(out: dict[str, Any]) -> list[str]:
    """Each target missed, in words."""
    found = [f"fan-out {r['db']} N={r['n']:,}" for r in out["fanout"] if not fanout_met(r)]
    for r in out["burst"]:
        b = r["bot"]
        if b["p99_s"] >= p99_target(r["n"]):
            found.append(f"burst p99 {r['db']} N={r['n']:,} ({b['p99_s']:.2f} s)")
        if b["errors"] or r["verify"]["lost"]:
            found.append(f"burst errors or lost answers {r['db']} N={r['n']:,}")
        if r["ratios"]["cpu_per_req"] > CPU_RATIO:
            found.append(f"burst CPU ratio {r['db']} N={r['n']:,}")
    for r in out["fanout"]:
        if "day" in r and r["day"]["rss_kb"] / 1024 >= MEMORY_MB:
            found.append(f"memory after the day {r['db']}")
    for s in out["startup"]:
        if max(s["cold_s"] + s["warm_s"]) >= STARTUP_S:
            found.append(f"start-up {s['db']}")
        if max(s["idle_rss_kb"]) / 1024 >= MEMORY_MB:
            found.append(f"idle memory {s['db']}")
    return found


def all_targets_met(out: dict[str, Any]) -> bool:
    return not missed(out)


def markdown(out: dict[str, Any]) -> str:
    m = out["machine"]
    lines = [
        f"Run: {out['date']}, `{out['command']}` ({out['mode']}, {out.get('duration_s', 0):.0f} s). "
        f"Machine: {m['nproc']} cores ({m['cpu']}), memory `{m['memory']}`, Python {m['python']}, "
        f"SQLite {m['sqlite']}, {m['postgres'] or 'PostgreSQL not used'}, Linux {m['kernel']}.",
        "",
    ]
    if out["fanout"]:
        lines += [
            '**1. Fan-out: "start check-in" until every check-in card is at the fake Bot Connector**',
            "",
            "| DB | N | floor N/50 | all delivered | ratio (target ≤ 1.15) | command answered | first card "
            "| lost | duplicates | over the limits | 429s | most sends in 1 s |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for r in out["fanout"]:
            lines.append(
                f"| {r['db']} | {r['n']:,} | {r['floor_s']:.1f} s | {r['all_delivered_s']:.2f} s | "
                f"{r['ratio']:.3f} {_ok(fanout_met(r))} | {_ms(r['ack_s'])} | {_ms(r['first_card_s'])} | "
                f"{r['lost']} | {r['duplicates']} | {r['violations']} | {r['rejected_429']} | "
                f"{r['max_per_second']} |"
            )
        lines.append("")
    if out["burst"]:
        lines += [
            "**2. Burst: N card actions at the same moment, each from a different person (latency at "
            "the client)**",
            "",
            "| DB | N | bot p50 | p95 | p99 (target) | max | throughput | errors | lost "
            "| bot CPU/req | PostgreSQL CPU/req | echo p50 | echo p99 | echo throughput | echo CPU/req "
            "| CPU ratio (≤ 2) | p99 ratio |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for r in out["burst"]:
            b, e, q = r["bot"], r["echo"], r["ratios"]
            target = p99_target(r["n"])
            pg = f"{b['pg_cpu_ms_per_req_total']:.1f} ms" if "pg_cpu_ms_per_req_total" in b else "–"
            lines.append(
                f"| {r['db']} | {r['n']:,} | {_ms(b['p50_s'])} | {_ms(b['p95_s'])} | "
                f"{_ms(b['p99_s'])} (< {target:.0f} s) {_ok(b['p99_s'] < target)} | {_ms(b['max_s'])} | "
                f"{b['throughput_rps']:.0f}/s | {b['errors']} | {r['verify']['lost']} | "
                f"{b['cpu_ms_per_req_total']:.1f} ms | {pg} | {_ms(e['p50_s'])} | {_ms(e['p99_s'])} | "
                f"{e['throughput_rps']:.0f}/s | {e['cpu_ms_per_req_total']:.1f} ms | "
                f"{q['cpu_per_req']:.2f}x {_ok(q['cpu_per_req'] <= CPU_RATIO)} | {q['p99']:.2f}x |"
            )
        lines += [
            "",
            "Details per burst: check-in answers vs checklist submissions (p50 / max), CPU spent during "
            "the burst itself vs until the queue was idle again (board refreshes included), and the "
            "database check afterwards.",
            "",
            "| DB | N | check-in p50 / max | checklist p50 / max | bot CPU/req during burst | until idle "
            "| settled after | acknowledged but not stored | stored but not acknowledged | audit rows "
            "| load generator CPU (ours / echo) |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for r in out["burst"]:
            b, v = r["bot"], r["verify"]
            lines.append(
                f"| {r['db']} | {r['n']:,} | {_ms(b['checkin_p50_s'])} / {_ms(b['checkin_max_s'])} | "
                f"{_ms(b['checklist_p50_s'])} / {_ms(b['checklist_max_s'])} | "
                f"{b['cpu_ms_per_req_burst']:.1f} ms | {b['cpu_ms_per_req_total']:.1f} ms | "
                f"{b['settle_s']:.1f} s | {v['lost']} | {v['stored_but_not_acknowledged']} | "
                f"{v['audit_checkin_here']}/{v['audit_expected']} | "
                f"{b['loadgen_cpu_s']:.1f} s / {r['echo']['loadgen_cpu_s']:.1f} s |"
            )
        lines.append("")
    if out["startup"] or any("day" in r for r in out["fanout"]):
        lines += [
            "**3. Start-up and memory** (start-up: process start until `/healthz` answers 200; "
            "cold = empty database, migrations included; the slowest of the repeats)",
            "",
            "| DB | cold start | restart | echo bot start | idle RSS | N-person day | RSS after the day "
            "| peak RSS (VmHWM) |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        days = {r["db"]: r for r in out["fanout"] if "day" in r}
        for s in out["startup"]:
            d = days.get(s["db"])
            worst = max(s["cold_s"] + s["warm_s"])
            day_cells = (
                f"{d['n']:,} | {_mb(d['day']['rss_kb'])} {_ok(d['day']['rss_kb'] / 1024 < MEMORY_MB)} | "
                f"{_mb(d['day']['hwm_kb'])}"
                if d
                else "– | – | –"
            )
            lines.append(
                f"| {s['db']} | {max(s['cold_s']):.2f} s {_ok(worst < STARTUP_S)} | "
                f"{max(s['warm_s']):.2f} s | {max(s['echo_s']):.2f} s | {_mb(max(s['idle_rss_kb']))} "
                f"{_ok(max(s['idle_rss_kb']) / 1024 < MEMORY_MB)} | {day_cells} |"
            )
        lines.append("")
    misses = missed(out)
    lines.append("All targets met: **yes**." if not misses else f"Targets missed: **{'; '.join(misses)}**.")
    return "\n".join(lines) + "\n"


def write_doc(doc: Path, text: str) -> None:
    body = doc.read_text(encoding="utf-8")
    if START not in body or END not in body:
        raise SystemExit(f"{doc} has no {START} ... {END} markers")
    head, rest = body.split(START, 1)
    _, tail = rest.split(END, 1)
    doc.write_text(f"{head}{START}\n{text}{END}{tail}", encoding="utf-8")
