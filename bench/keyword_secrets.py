#!/usr/bin/env python3
"""Recall and precision of keyword secret detection on fixtures/secrets/keywords/cases.jsonl.

Writes every case to its own folder (`<work>/cases/<id>/<file>`), runs each tool once over the whole
tree, and counts a case as reported when the tool reported anything in that case's file. A true case
reported is a true positive; a look-alike reported is a false positive.

    bench/keyword_secrets.py WORK TOOL=COMMAND... [--markdown]

COMMAND is run with `{tree}` and `{out}` replaced; the tool's report is read from `{out}` (or stdout
when the command does not mention `{out}`). TOOL is one of securescan-swift, securescan-py,
detect-secrets, trufflehog3 (it says how to read the report).
"""
import collections
import json
import os
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench"))
from tool_reports import files_reported  # noqa: E402  (the same readers as the secrets benchmark)


def load_cases():
    path = os.path.join(ROOT, "fixtures", "secrets", "keywords", "cases.jsonl")
    return [json.loads(line) for line in open(path) if line.strip()]


def materialize(cases, tree):
    shutil.rmtree(tree, ignore_errors=True)
    for case in cases:
        folder = os.path.join(tree, case["id"])
        os.makedirs(folder)
        with open(os.path.join(folder, case["file"]), "w") as handle:
            handle.write(case["text"])


def run(tool, command, tree, out):
    shell = command.replace("{tree}", tree).replace("{out}", out)
    started = time.monotonic()
    result = subprocess.run(shell, shell=True, capture_output=True, text=True)
    elapsed = time.monotonic() - started
    text = open(out, errors="replace").read() if "{out}" in command and os.path.exists(out) else result.stdout
    reported = set()
    for path in files_reported(tool, text):
        parts = os.path.normpath(path).split(os.sep)
        # The case id is the folder above the file, whatever the tool makes the path relative to.
        if len(parts) >= 2:
            reported.add(parts[-2])
    return reported, elapsed


def main():
    work, specs = sys.argv[1], [a for a in sys.argv[2:] if "=" in a]
    markdown = "--markdown" in sys.argv
    cases = load_cases()
    tree = os.path.join(work, "cases")
    materialize(cases, tree)
    totals = {}
    by_syntax = collections.defaultdict(dict)
    misses = {}
    for spec in specs:
        tool, command = spec.split("=", 1)
        out = os.path.join(work, f"{tool}.out")
        if os.path.exists(out):
            os.remove(out)
        reported, elapsed = run(tool.split(":")[0], command, tree, out)
        tp = sum(1 for c in cases if c["expect"] == "secret" and c["id"] in reported)
        fp = sum(1 for c in cases if c["expect"] == "none" and c["id"] in reported)
        positives = sum(1 for c in cases if c["expect"] == "secret")
        totals[tool] = (tp, fp, positives, elapsed)
        misses[tool] = ([c["id"] for c in cases if c["expect"] == "secret" and c["id"] not in reported],
                        [c["id"] for c in cases if c["expect"] == "none" and c["id"] in reported])
        for syntax in sorted({c["syntax"] for c in cases}):
            group = [c for c in cases if c["syntax"] == syntax]
            t = sum(1 for c in group if c["expect"] == "secret" and c["id"] in reported)
            f = sum(1 for c in group if c["expect"] == "none" and c["id"] in reported)
            by_syntax[syntax][tool] = (t, sum(1 for c in group if c["expect"] == "secret"), f,
                                       sum(1 for c in group if c["expect"] == "none"))
    positives = sum(1 for c in cases if c["expect"] == "secret")
    print(f"{len(cases)} cases: {positives} secrets, {len(cases) - positives} look-alikes\n")
    print("| Tool | Secrets found (recall) | Look-alikes reported | Precision | Wall time |")
    print("|---|---:|---:|---:|---:|")
    for tool, (tp, fp, pos, elapsed) in totals.items():
        precision = tp / (tp + fp) if tp + fp else 0
        print(f"| {tool} | {tp}/{pos} ({tp / pos:.1%}) | {fp} | {precision:.1%} | {elapsed:.2f} s |")
    print("\n| Syntax | " + " | ".join(totals) + " |")
    print("|---|" + "---:|" * len(totals))
    for syntax, row in by_syntax.items():
        cells = [f"{t}/{n} · {f} fp" for (t, n, f, _) in row.values()]
        print(f"| {syntax} | " + " | ".join(cells) + " |")
    if not markdown:
        for tool, (missed, flagged) in misses.items():
            print(f"\n{tool} missed: {' '.join(missed)}\n{tool} flagged: {' '.join(flagged)}")


if __name__ == "__main__":
    main()
