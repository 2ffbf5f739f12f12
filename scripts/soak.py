#!/usr/bin/env python3
"""A bounded soak test of `securescan serve` (loopback only; stops by itself).

usage: scripts/soak.py [--seconds 300] [--clients 64] [--scans 8] [--binary PATH] [--report FILE]

Starts a server on a scratch output folder holding real runs, and drives it with --clients concurrent
clients for --seconds: reads (scan lists, findings, summaries, reports, comments, triage states), triage
writes and comment writes, while --scans API scans are queued through the run (the last ones just before
the end). Then it kills the server with SIGKILL, starts it again on the same store and checks:

  - no 5xx answer other than 503 (the documented "not ready"/"busy" answer),
  - every write the server acknowledged (a comment's 201, a triage 200) is there after the restart,
  - every queued scan, the interrupted ones included, completes after the restart,
  - the server's memory stays flat: RSS grows at most 20% over the second half of the run (the caches
    fill during the first minute; a leak goes on growing).

It prints a JSON report (request counts by kind and status, p50/p99 latency, RSS, writes verified) and
exits 1 when a check fails.
"""
import argparse
import http.client
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class Client:
    def __init__(self, port, key):
        self.port, self.key = port, key
        self.connection = None
        self.next_cursor = None

    def list_all(self, path):
        """Every item of a paged list, following X-Next-Cursor."""
        found, cursor = [], None
        while True:
            separator = "&" if "?" in path else "?"
            status, body = self.request("GET", path + separator + "limit=1000" + (f"&cursor={cursor}" if cursor else ""))
            if status != 200:
                return found
            found += items(body)
            cursor = self.next_cursor
            if not cursor:
                return found

    def request(self, method, path, body=None):
        headers = {"X-API-Key": self.key}
        data = None
        if body is not None:
            data = json.dumps(body)
            headers["Content-Type"] = "application/json"
        for attempt in range(2):
            try:
                if self.connection is None:
                    self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                self.connection.request(method, path, body=data, headers=headers)
                response = self.connection.getresponse()
                payload = response.read()
                self.next_cursor = response.getheader("X-Next-Cursor")
                if response.getheader("Connection", "").lower() == "close":
                    self.connection.close()
                    self.connection = None
                return response.status, payload
            except (ConnectionError, http.client.HTTPException, socket.timeout, OSError):
                if self.connection:
                    self.connection.close()
                self.connection = None
                if attempt == 1:
                    return 0, b""
        return 0, b""


def items(body):
    """A list answer: a bare array, or an object holding one under `items`."""
    value = json.loads(body)
    return value if isinstance(value, list) else value.get("items", [])


def run(command, **kwargs):
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)


def start_server(binary, port, output, repos, log, extra=()):
    environment = dict(os.environ, SECURESCAN_RATE_LIMIT_ENABLED="0",
                       SECURESCAN_TEMPLATES=os.path.join(ROOT, "templates"),
                       SECURESCAN_VULNDB="/nonexistent/securescan-soak-vulndb")
    process = subprocess.Popen([binary, "serve", "--port", str(port), "--output", output, "--root", repos, "--workers", "2", *extra],
                               stdout=log, stderr=log, env=environment)
    probe = Client(port, "")
    for _ in range(300):
        status, _ = probe.request("GET", "/health")
        if status == 200:
            return process
        time.sleep(0.1)
    process.kill()
    raise SystemExit("securescan serve did not start")


def percentile(values, fraction):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--scans", type=int, default=8)
    parser.add_argument("--binary", default=None)
    parser.add_argument("--report", default=None)
    parser.add_argument("--serve-arg", action="append", default=[], help="an extra argument for `securescan serve` (repeatable)")
    parser.add_argument("--max-rss-growth", type=float, default=20.0,
                        help="percent RSS may grow over the second half of the run (caches fill during the first)")
    arguments = parser.parse_args()
    binary = arguments.binary or next(p for p in [os.path.join(ROOT, ".build/release/securescan"), os.path.join(ROOT, ".build/debug/securescan")]
                                      if os.path.exists(p))
    work = tempfile.mkdtemp(prefix="securescan-soak-")
    try:
        return soak(arguments, binary, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def soak(arguments, binary, work):
    output, repos = os.path.join(work, "out"), os.path.join(work, "repos")
    for index in range(arguments.scans):
        shutil.copytree(os.path.join(ROOT, "fixtures/demo-app"), os.path.join(repos, f"app-{index}"))
    environment = dict(os.environ, SECURESCAN_TEMPLATES=os.path.join(ROOT, "templates"), SECURESCAN_VULNDB="/nonexistent/securescan-soak-vulndb")
    for index in range(2):
        run([binary, "scan", os.path.join(repos, f"app-{index}"), "--output", output, "--scanners", "secrets,dependencies,dockerfile,git-hygiene"],
            env=environment)
    key = run([binary, "keys", "create", "--name", "soak", "--scope", "write", "--output", output], env=environment).stdout.strip()
    port = free_port()
    log = open(os.path.join(work, "serve.log"), "ab")
    server = start_server(binary, port, output, repos, log, arguments.serve_arg)

    setup = Client(port, key)
    status, body = setup.request("GET", "/api/v1/scans?limit=10")
    scans = items(body)
    scan_id = scans[0]["id"]
    fingerprints = [item["fingerprint"] for item in setup.list_all(f"/api/v1/scans/{scan_id}/findings")]
    if not fingerprints:
        raise SystemExit("the seeded runs have no findings")
    target = scans[0].get("target") or "app-0"

    lock = threading.Lock()
    samples = []                      # (kind, status, seconds)
    comments = []                     # (fingerprint, id)
    states = {}                       # fingerprint -> last acknowledged status
    queued = []                       # scan ids acknowledged
    stop = threading.Event()
    started = time.monotonic()

    def record(kind, status, seconds):
        with lock:
            samples.append((kind, status, seconds))

    def worker(number):
        client = Client(port, key)
        # Each fingerprint's verdict is written by one client only, so the last acknowledged verdict is the
        # one the store must hold; two clients racing on one fingerprint would leave that order unknown.
        # Clients owning none write comments instead (every comment is kept, so they cannot race).
        own = [fp for index, fp in enumerate(fingerprints) if index % arguments.clients == number]
        rng = random.Random(number)
        while not stop.is_set():
            choice = rng.random()
            if not own and 0.55 <= choice < 0.78:
                choice = 0.78 + (choice - 0.55) * (0.22 / 0.23)
            fingerprint = rng.choice(own if own and 0.55 <= choice < 0.78 else fingerprints)
            begin = time.monotonic()
            if choice < 0.12:
                kind, (status, _) = "list-scans", client.request("GET", "/api/v1/scans?limit=20")
            elif choice < 0.24:
                kind, (status, _) = "findings", client.request("GET", f"/api/v1/scans/{scan_id}/findings?limit=100")
            elif choice < 0.32:
                kind, (status, _) = "summary", client.request("GET", f"/api/v1/scans/{scan_id}/summary")
            elif choice < 0.40:
                kind, (status, _) = "report", client.request("GET", f"/site/{target}/latest/report.html")
            elif choice < 0.48:
                kind, (status, _) = "comments", client.request("GET", f"/api/v1/findings/{fingerprint}/comments")
            elif choice < 0.55:
                kind, (status, _) = "state", client.request("GET", f"/api/v1/findings/{fingerprint}/state")
            elif choice < 0.78:
                kind = "triage-write"
                verdict = rng.choice(["open", "confirmed", "false_positive", "wont_fix"])
                status, _ = client.request("PATCH", f"/api/v1/findings/{fingerprint}/state", {"status": verdict, "note": f"soak {number}"})
                if status == 200:
                    with lock:
                        states[fingerprint] = verdict
            else:
                kind = "comment-write"
                status, body = client.request("POST", f"/api/v1/findings/{fingerprint}/comments", {"text": f"soak comment from client {number}"})
                if status == 201:
                    with lock:
                        comments.append((fingerprint, json.loads(body)["id"]))
            record(kind, status, time.monotonic() - begin)

    def queue_scan(index):
        client = Client(port, key)
        begin = time.monotonic()
        status, body = client.request("POST", "/api/v1/scans", {"target_path": os.path.join(repos, f"app-{index}"),
                                                                  "scanners": ["secrets", "dependencies", "dockerfile", "git-hygiene"]})
        record("queue-scan", status, time.monotonic() - begin)
        if status in (200, 201, 202):
            with lock:
                queued.append(json.loads(body)["id"])

    rss_samples = []                  # (seconds since the start, KiB), every 2 s until the kill

    def sample_rss():
        while not stop.wait(2.0):
            rss_samples.append((round(time.monotonic() - started, 1), rss_kib(server.pid)))

    threads = [threading.Thread(target=worker, args=(n,), daemon=True) for n in range(arguments.clients)]
    threads.append(threading.Thread(target=sample_rss, daemon=True))
    for thread in threads:
        thread.start()
    warmup = min(60.0, arguments.seconds * 0.2)
    time.sleep(warmup)
    rss_warm = rss_kib(server.pid)
    # The scans: spread over the run, the last two right before the kill so they are interrupted.
    spread = max(0, arguments.scans - 2)
    for index in range(spread):
        time.sleep(max(0.0, (arguments.seconds - warmup - 5) / max(1, spread)))
        queue_scan(index)
    remaining = arguments.seconds - (time.monotonic() - started)
    if remaining > 0:
        time.sleep(remaining)
    rss_end = rss_kib(server.pid)
    for index in range(spread, arguments.scans):
        queue_scan(index)
    stop.set()
    for thread in threads:
        thread.join(timeout=70)
    elapsed = time.monotonic() - started
    server.send_signal(signal.SIGKILL)
    server.wait()

    server = start_server(binary, port, output, repos, log, arguments.serve_arg)
    check = Client(port, key)
    lost = []
    stored_comments = {}
    for fingerprint, comment_id in comments:
        if fingerprint not in stored_comments:
            stored_comments[fingerprint] = {item["id"] for item in check.list_all(f"/api/v1/findings/{fingerprint}/comments")}
        if comment_id not in stored_comments[fingerprint]:
            lost.append(f"comment {comment_id} on {fingerprint}")
    for fingerprint, verdict in states.items():
        status, body = check.request("GET", f"/api/v1/findings/{fingerprint}/state")
        stored = (json.loads(body).get("current") or {}).get("status")
        if stored != verdict:
            lost.append(f"triage {fingerprint}: {verdict} acknowledged, {stored} stored")
    deadline = time.monotonic() + 600
    unfinished = list(queued)
    while unfinished and time.monotonic() < deadline:
        still = []
        for scan in unfinished:
            status, body = check.request("GET", f"/api/v1/scans/{scan}")
            if json.loads(body).get("status") not in ("completed",):
                still.append(scan)
        unfinished = still
        if unfinished:
            time.sleep(1)
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)

    # The caches (SQLite pages per connection, serialized responses) and the scans' working memory fill
    # over the first minute and then hold: growth past the run's half-way point is what a leak would show.
    half = max(warmup, arguments.seconds / 2)
    rss_half = next((kib for t, kib in rss_samples if t >= half), rss_end)
    by_kind = {}
    for kind, status, seconds in samples:
        entry = by_kind.setdefault(kind, {"count": 0, "statuses": {}, "latencies": []})
        entry["count"] += 1
        entry["statuses"][str(status)] = entry["statuses"].get(str(status), 0) + 1
        entry["latencies"].append(seconds)
    latencies = [seconds for _, _, seconds in samples]
    server_errors = [s for _, s, _ in samples if s >= 500 and s != 503]
    no_answer = [s for _, s, _ in samples if s == 0]
    report = {
        "seconds": round(elapsed, 1), "clients": arguments.clients, "binary": binary,
        "requests": len(samples), "requests_per_second": round(len(samples) / elapsed, 1),
        "p50_ms": round(percentile(latencies, 0.50) * 1000, 1), "p99_ms": round(percentile(latencies, 0.99) * 1000, 1),
        "server_errors_other_than_503": len(server_errors), "no_answer": len(no_answer),
        "by_kind": {kind: {"count": entry["count"], "statuses": entry["statuses"],
                           "p50_ms": round(percentile(entry["latencies"], 0.5) * 1000, 1),
                           "p99_ms": round(percentile(entry["latencies"], 0.99) * 1000, 1)} for kind, entry in sorted(by_kind.items())},
        "acknowledged_comments": len(comments), "acknowledged_triage_states": len(states), "writes_lost": lost,
        "scans_queued": len(queued), "scans_not_completed_after_restart": unfinished,
        "rss_after_warmup_mib": round(rss_warm / 1024, 1), "rss_at_end_mib": round(rss_end / 1024, 1),
        "rss_growth_percent": round((rss_end - rss_warm) * 100.0 / max(1, rss_warm), 1),
        "rss_at_half_mib": round(rss_half / 1024, 1),
        "rss_growth_second_half_percent": round((rss_end - rss_half) * 100.0 / max(1, rss_half), 1),
        "rss_timeline_mib": [[t, round(k / 1024, 1)] for t, k in rss_samples[::5]],
    }
    text = json.dumps(report, indent=2)
    print(text)
    if arguments.report:
        os.makedirs(os.path.dirname(os.path.abspath(arguments.report)), exist_ok=True)
        with open(arguments.report, "w") as f:
            f.write(text + "\n")
    failures = []
    if server_errors:
        failures.append(f"{len(server_errors)} 5xx answers other than 503")
    if no_answer:
        failures.append(f"{len(no_answer)} requests got no answer")
    if lost:
        failures.append(f"{len(lost)} acknowledged writes missing after the restart: " + "; ".join(lost[:10]))
    if unfinished or len(queued) < arguments.scans:
        failures.append(f"scans: {len(queued)} of {arguments.scans} queued, {len(unfinished)} not completed after the restart")
    if report["rss_growth_second_half_percent"] > arguments.max_rss_growth:
        failures.append(f"RSS grew {report['rss_growth_second_half_percent']}% over the second half of the run")
    for failure in failures:
        print("soak: FAILED: " + failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
