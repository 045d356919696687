"""What every benchmark case of bench/run.sh shares: timing a command, medians, the machine's
description, and writing bench/results/<case>.json in the shape bench/report.py merges:

{"case", "size", "people", "machine", "date",
 "ours": {"what", "median_s", "runs_s"},
 "peers": [{"name", "median_s", "runs_s", "ratio" (peer's median / ours: how many times
            faster trellis is), "matched", "detail", and optionally "ours_median_s" (when this
            row compares another of our timings) and "counts_for_target": false}],
 "target": {"text", "met"}, "notes"}
"""

import datetime
import http.cookiejar
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
import urllib.request


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


def machine():
    """The machine in one line: CPU model, cores, memory, OS."""
    model = platform.processor() or "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = ""
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            kib = int(f.readline().split()[1])
            memory = f", {kib / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} cores ({model}){memory}, {platform.system()} {platform.release()}"


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


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(trellis, store):
    """Starts `trellis serve` on a free loopback port (API only); returns (process, base URL)
    once /healthz answers."""
    port = free_port()
    server = subprocess.Popen(
        [trellis, "--store", store, "--log-level", "warn", "serve", "--port", str(port), "--web-root", ""],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(1200):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1).read()
            return server, base
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit(f"the server on {store} did not answer /healthz")


def resident_kib(pid):
    with open(f"/proc/{pid}/status", encoding="utf-8") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


class Api:
    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with self.opener.open(request, timeout=30) as reply:
            return json.loads(reply.read() or b"null")

    def cookie(self):
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)
