#!/usr/bin/python3
"""The serve case: `wrk` (64 connections, signed in) against two confidential read endpoints
of one trellis server, each against the same server's /healthz (the floor of the HTTP stack)
measured in the same run, alternating:
- the 9-box grid of a school (GET /trusts/{t}/review-cycles/{c}/grid?school_id=S, the latest
  cycle, the school with most people rated);
- the succession dashboard of a trust (GET /trusts/{t}/pipeline).
Each such read is audit-logged, as in production: every request's audit entry is written to
the server's read journal (safe from a crash of trellis) before it is answered, and moved into
the audit log in the background (docs/adr/0009).

The store is the demo trust (`trellis demo`: 8 schools, 625 people, 35 key posts) on SQLite,
signed in as its chief executive. Each run: wrk -t2 -c64 for --seconds seconds per endpoint,
after a warm-up. Ours: requests per second and p99 latency; the ratio is ours ÷ /healthz's
(1 = as fast as the floor). Results "match" when wrk saw no errors and every answer was 200.
Target (issue 4): at least 0.5 of /healthz's throughput, p99 under 20 ms, no errors.

Usage: serve_case.py --trellis build/trellis --work bench/work/serve --out bench/results
                     [--runs 3] [--seconds 5]
"""

import argparse
import os
import re
import shutil

import common


def wrk(url, cookie, seconds):
    """Runs wrk; returns {rps, p99_ms, errors, non_2xx, requests}."""
    out = common.run(["wrk", "-t2", "-c64", f"-d{seconds}s", "--latency", "-H", f"Cookie: {cookie}", url])
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    errors = 0
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if socket_errors:
        errors = sum(int(n) for n in socket_errors.groups())
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    return {"rps": rps, "p99_ms": float(p99.group(1)) * scale, "errors": errors,
            "non_2xx": int(non_2xx.group(1)) if non_2xx else 0, "requests": requests}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--trellis", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5)
    args = parser.parse_args()

    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(args.work)
    store = "sqlite:" + os.path.join(args.work, "demo.db")
    common.run([args.trellis, "--store", store, "demo"])
    server, base = common.start_server(args.trellis, store)
    try:
        api = common.Api(base)
        user = api.sign_in("ceo@oakridge.example", "trellis-demo-2026")
        trust = user["user"]["trust_id"]
        t = f"/api/v1/trusts/{trust}"
        cycle = max(c["id"] for c in api.call("GET", t + "/review-cycles")["items"])
        grid = api.call("GET", f"{t}/review-cycles/{cycle}/grid")
        schools = api.call("GET", t + "/schools?limit=500")["items"]
        # The school with most people on the grid.
        counts = {s["id"]: api.call("GET", f"{t}/review-cycles/{cycle}/grid?school_id={s['id']}")["total"] for s in schools}
        school = max(counts, key=counts.get)
        endpoints = {
            "healthz": base + "/healthz",
            "grid": f"{base}{t}/review-cycles/{cycle}/grid?school_id={school}",
            "dashboard": f"{base}{t}/pipeline",
        }
        cookie = api.cookie
        common.log(f"serve: grid of school {school} ({counts[school]} of {grid['total']} rated), dashboard of trust {trust}")
        for url in endpoints.values():  # warm-up
            wrk(url, cookie, 2)
        measured = {name: [] for name in endpoints}
        for run in range(args.runs):
            for name, url in endpoints.items():
                measured[name].append(wrk(url, cookie, args.seconds))
                common.log(f"run {run + 1}: {name} {measured[name][-1]}")
        peak_kib = common.resident_kib(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)

    def summary(name):
        runs = measured[name]
        return {"rps_runs": [r["rps"] for r in runs], "median_rps": common.median([r["rps"] for r in runs]),
                "p99_ms_runs": [r["p99_ms"] for r in runs], "median_p99_ms": common.median([r["p99_ms"] for r in runs]),
                "errors": sum(r["errors"] for r in runs), "non_2xx": sum(r["non_2xx"] for r in runs),
                "requests": sum(r["requests"] for r in runs)}

    floor = summary("healthz")
    for name, what in (("grid", f"the 9-box grid of a school ({counts[school]} people rated)"),
                       ("dashboard", "the succession dashboard of the trust")):
        ours = summary(name)
        ratio = ours["median_rps"] / floor["median_rps"]
        clean = ours["errors"] == 0 and ours["non_2xx"] == 0 and floor["errors"] == 0 and floor["non_2xx"] == 0
        met = ratio >= 0.5 and ours["median_p99_ms"] < 20 and clean
        common.write_result(args.out, f"serve_{name}", {
            "case": "serve",
            "size": f"demo trust (8 schools, 625 people): {what}; wrk -t2 -c64, {args.seconds} s x {args.runs}",
            "machine": common.machine(),
            "date": common.today(),
            "ours": {"what": f"GET {endpoints[name].replace(base, '')}, signed in, each read audit-logged",
                     "median_s": 1 / ours["median_rps"], "text": f"{ours['median_rps']:,.0f} req/s, p99 {ours['median_p99_ms']:.1f} ms",
                     **ours},
            "peers": [{"name": "/healthz of the same server", "median_s": 1 / floor["median_rps"],
                       "text": f"{floor['median_rps']:,.0f} req/s, p99 {floor['median_p99_ms']:.1f} ms",
                       "ratio": ratio, "matched": clean, **floor,
                       "detail": "ratio = our throughput / /healthz's; matched = no errors, every answer 200"}],
            "target": {"text": "at least 0.5 of /healthz's throughput, p99 under 20 ms, no errors", "met": met},
            "notes": f"server peak resident memory {peak_kib / 1024:.0f} MiB",
        })


if __name__ == "__main__":
    main()
