#!/usr/bin/python3
"""Merges every bench/results/<case>.json (the shape bench/cases/common.py describes) into
bench/results/summary.json and bench/results/summary.md: one row per case and peer with the
size, our median, the peer's median, the ratio (the peer's median over ours: how many times
faster trellis is), whether the results matched, the target and whether it was met.

Usage: report.py [RESULTS_DIR]   (default: bench/results beside this file)
"""

import json
import os
import sys

ORDER = ["import", "rank", "bench_strength", "simulate", "serve", "memory"]


def seconds(value):
    if value is None:
        return "—"
    if value < 1:
        return f"{value * 1000:.1f} ms"
    return f"{value:.2f} s"


def ratio(value):
    return "—" if value is None else (f"{value:.2f}×" if value < 10 else f"{value:.1f}×")


def rows_of(result):
    ours = result.get("ours", {})
    target = result.get("target", {})
    for peer in result.get("peers", []) or [{}]:
        counts = peer.get("counts_for_target", True)
        yield {
            "case": result.get("case"),
            "size": result.get("size"),
            "peer": peer.get("name"),
            "ours_median_s": peer.get("ours_median_s", ours.get("median_s")),
            "peer_median_s": peer.get("median_s"),
            # A case measured in other units (requests a second, bytes) says so in words.
            "ours_text": ours.get("text"),
            "peer_text": peer.get("text"),
            "ratio": peer.get("ratio"),
            "matched": peer.get("matched"),
            "target": target.get("text") if counts else "(for the record)",
            "met": target.get("met") if counts else None,
            "date": result.get("date"),
            "machine": result.get("machine"),
        }


def main():
    results = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "results")
    cases = []
    for name in sorted(os.listdir(results)):
        if not name.endswith(".json") or name == "summary.json":
            continue
        with open(os.path.join(results, name), encoding="utf-8") as f:
            cases.append(json.load(f))
    cases.sort(key=lambda c: (ORDER.index(c["case"]) if c.get("case") in ORDER else len(ORDER), c.get("case", "")))
    rows = [row for case in cases for row in rows_of(case)]
    machines = sorted({c.get("machine") for c in cases if c.get("machine")})
    dates = sorted({c.get("date") for c in cases if c.get("date")})

    with open(os.path.join(results, "summary.json"), "w", encoding="utf-8") as f:
        json.dump({"machines": machines, "dates": dates, "rows": rows}, f, indent=2)
        f.write("\n")

    lines = [
        "# Benchmark summary",
        "",
        f"Machine: {'; '.join(machines) or 'unknown'}. Date: {', '.join(dates) or 'unknown'}. "
        "Medians of the same run; ratio = the peer's median ÷ ours (how many times faster "
        "trellis is). Each case's JSON beside this file has every run and the details.",
        "",
        "| case | size | peer | ours (median) | peer (median) | ratio | matched | target | met |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        met = "—" if r["met"] is None else ("met" if r["met"] else "**missed**")
        matched = "—" if r["matched"] is None else ("yes" if r["matched"] else "**no**")
        lines.append(
            f"| {r['case']} | {r['size']} | {r['peer'] or '—'} | {r['ours_text'] or seconds(r['ours_median_s'])} | "
            f"{r['peer_text'] or seconds(r['peer_median_s'])} | {ratio(r['ratio'])} | {matched} | {r['target']} | {met} |"
        )
    with open(os.path.join(results, "summary.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
