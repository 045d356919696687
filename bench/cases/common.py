"""What every benchmark case of bench/run.sh shares: timing a command, medians, the machine's
description, a trellis server and its API (tests/support/trellis_server.py), and writing
bench/results/<case>.json in the shape bench/report.py merges:

{"case", "size", "people", "machine", "date",
 "ours": {"what", "median_s", "runs_s"},
 "peers": [{"name", "median_s", "runs_s", "ratio" (peer's median / ours: how many times
            faster trellis is), "matched", "detail", and optionally "ours_median_s" (when this
            row compares another of our timings) and "counts_for_target": false}],
 "target": {"text", "met"}, "notes"}
"""

import datetime
import json
import os
import statistics
import subprocess
import sys
import time

# The server, its API and the machine's description: shared with the soak test.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "support"))
from trellis_server import Api, answers, free_port, machine, start_server  # noqa: E402,F401


def log(message):
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def run(command, **kwargs):
    """Runs a command (a list), failing loudly; returns its standard output."""
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)
    if done.returncode != 0:
        raise SystemExit(
            f"command failed ({done.returncode}): {' '.join(map(str, command))}\n{done.stderr}"
        )
    return done.stdout


def timed(command, **kwargs):
    """Runs a command and returns (wall seconds, standard output)."""
    started = time.perf_counter()
    out = run(command, **kwargs)
    return time.perf_counter() - started, out


def median(values):
    return statistics.median(values)


def remove_database(path):
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def today():
    return datetime.date.today().isoformat()


def write_result(out_dir, case, result):
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, f"{case}.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=2)
        f.write("\n")
    log(f"wrote {path}")


def seconds(values):
    return [round(v, 4) for v in values]


# ---- A trellis server, for the cases that ask one over HTTP (serve, memory) ----


def resident_kib(pid):
    with open(f"/proc/{pid}/status", encoding="utf-8") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0
