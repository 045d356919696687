#!/usr/bin/python3
"""The memory case: the peak resident memory of a trellis server serving the national
workload, in bytes per person.

A server on the national store (`trellis load` of the national workload, as the rank case
builds it) is asked, signed in as a platform administrator, for the succession dashboard of
every trust and group in it (2,839), one after another, then all again (served from the
answers it keeps, within their budget: answer_cache_mb, 64 MiB by default). Each dashboard
builds that trust's engine snapshot from the store; the server keeps no other data between
requests. The figure is the server's peak resident set (VmHWM) over that, divided by the
number of people in the store. There is no peer: the target is under 1 GiB in all.

Usage: memory_case.py --trellis build/trellis --store sqlite:bench/work/national.db
                      --people 993707 --out bench/results
"""

import argparse
import os
import time

import common


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--trellis", required=True)
    parser.add_argument("--store", required=True)
    parser.add_argument("--people", type=int, required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    email, password = "bench.platform@trellis.example", "memory-bench-passphrase-2026"
    env = dict(os.environ, TRELLIS_PASSWORD=password)
    listed = common.run([args.trellis, "--store", args.store, "user", "list"])
    if email not in listed:
        common.run([args.trellis, "--store", args.store, "user", "add", "--email", email,
                    "--name", "Memory benchmark", "--role", "platform_admin"], env=env)
    server, base = common.start_server(args.trellis, args.store)
    try:
        started_kib = common.resident_kib(server.pid)
        api = common.Api(base)
        api.sign_in(email, password)
        # Every trust once (the list may come whole whatever the page asked for).
        trusts, offset = [], 0
        while True:
            page = api.call("GET", f"/api/v1/trusts?limit=500&offset={offset}")
            trusts += [t["id"] for t in page["items"] if t["id"] not in trusts]
            offset += 500
            if offset >= page["total"] or len(trusts) >= page["total"]:
                break
        started = time.perf_counter()
        for round_ in (1, 2):
            for n, trust in enumerate(trusts):
                api.call("GET", f"/api/v1/trusts/{trust}/pipeline")
                if n % 500 == 0:
                    common.log(f"round {round_}: {n} of {len(trusts)} dashboards, "
                               f"peak {common.resident_kib(server.pid) / 1024:.0f} MiB")
        seconds = time.perf_counter() - started
        peak_kib = common.resident_kib(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=60)

    peak = peak_kib * 1024
    per_person = peak / args.people
    common.write_result(args.out, "memory", {
        "case": "memory",
        "size": f"national: {args.people:,} people, {len(trusts):,} trusts and groups",
        "machine": common.machine(),
        "date": common.today(),
        "ours": {"what": "peak resident memory of the server serving every trust's dashboard twice",
                 "median_s": None, "peak_bytes": peak, "bytes_per_person": per_person,
                 "resident_at_start_bytes": started_kib * 1024, "dashboards": 2 * len(trusts),
                 "seconds": seconds,
                 "text": f"{per_person:,.0f} bytes/person ({peak / 2**20:,.0f} MiB peak)"},
        "peers": [],
        "target": {"text": "under 1 GiB in all", "met": peak < 2**30},
        "notes": f"{2 * len(trusts)} dashboards in {seconds:.0f} s; resident at start {started_kib / 1024:.0f} MiB",
    })


if __name__ == "__main__":
    main()
