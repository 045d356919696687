"""A real `trellis serve` driven from Python: a free loopback port, the server started and
waited for, and its JSON API signed in (session cookie and CSRF token). Shared by the soak
test (tests/soak) and the benchmarks (bench/cases), which put this folder on sys.path."""

import json
import os
import platform
import socket
import subprocess
import time
import urllib.error
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answers(url):
    """Whether `url` answers 200."""
    try:
        with urllib.request.urlopen(url, timeout=10) as reply:
            return reply.status == 200
    except OSError:
        return False


def start_server(trellis, store, ready="/healthz", output=None, wait_s=120, env=None):
    """Starts `trellis serve` (API only) on a free loopback port; returns (process, base URL)
    once `ready` answers. `output`: an open file for the server's log (default: discarded);
    `env`: its environment (default: this process's)."""
    port = free_port()
    process = subprocess.Popen(
        [trellis, "--store", store, "--log-level", "warn", "serve", "--port", str(port), "--web-root", ""],
        stdout=output or subprocess.DEVNULL, stderr=subprocess.STDOUT if output else subprocess.DEVNULL,
        env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        if answers(base + ready):
            return process, base
        if process.poll() is not None:
            raise SystemExit(f"the server on {store} exited ({process.returncode}) before it was ready")
        time.sleep(0.1)
    process.terminate()
    raise SystemExit(f"the server on {store} did not answer {ready} within {wait_s} s")


class Api:
    """JSON over HTTP as one signed-in user: `cookie` and `csrf` are what a browser sends."""

    def __init__(self, base):
        self.base = base
        self.cookie = ""
        self.csrf = ""

    def sign_in(self, email, password):
        """Signs in; returns the session's answer (the user)."""
        session = self.call("POST", "/api/v1/session", {"email": email, "password": password})
        self.csrf = session["csrf_token"]
        return session

    def call(self, method, path, body=None, expect=(200, 201)):
        """The JSON answer; exits the script when the status is not one of `expect`."""
        data = None if body is None else json.dumps(body).encode()
        headers = {"Content-Type": "application/json", "Cookie": self.cookie, "X-CSRF-Token": self.csrf}
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=60) as reply:
                status, text, cookie = reply.status, reply.read(), reply.headers.get("Set-Cookie")
        except urllib.error.HTTPError as e:
            status, text, cookie = e.code, e.read(), None
        if status not in expect:
            raise SystemExit(f"{method} {path}: {status} {text[:300]!r}")
        if cookie:
            self.cookie = cookie.split(";", 1)[0]
        return json.loads(text or b"null")

    def total(self, path):
        return self.call("GET", path + ("&" if "?" in path else "?") + "limit=1")["total"]

    def every(self, path):
        """Every item of a paged list."""
        items, offset = [], 0
        while True:
            page = self.call("GET", f"{path}{'&' if '?' in path else '?'}limit=500&offset={offset}")
            items += page["items"]
            offset += len(page["items"])
            if not page["items"] or offset >= page["total"]:
                return items


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
