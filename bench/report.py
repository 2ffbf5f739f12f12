#!/usr/bin/env python3
"""Turns the benchmark's raw results into the table in docs/benchmarks.md.

Reads <results>/<tool>.hyperfine.json (wall time), <tool>.time (peak RSS from GNU time), <tool>.out
(the tool's own report, for recall on the planted secrets and total finding count) and planted.json.
"""
import json
import os
import re
import sys

from tool_reports import files_reported

results, tree_bytes, tree_files = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
planted = json.load(open(os.path.join(results, "planted.json")))
planted_names = {os.path.basename(p): p for p in planted}


rows = []
for tool in ["securescan-swift", "securescan-swift-all", "ripgrep", "trivy", "securescan-py", "detect-secrets", "trufflehog3"]:
    hyperfine = os.path.join(results, f"{tool}.hyperfine.json")
    if not os.path.exists(hyperfine):
        continue
    run = json.load(open(hyperfine))["results"][0]
    rss = None
    time_file = os.path.join(results, f"{tool}.time")
    if os.path.exists(time_file):
        match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(time_file).read())
        rss = int(match.group(1)) / 1024 if match else None
    out = os.path.join(results, f"{tool}.out")
    text = open(out, errors="replace").read() if os.path.exists(out) else ""
    try:
        paths = files_reported(tool, text)
    except Exception as error:  # a tool that wrote nothing usable
        paths = []
        print(f"warning: cannot read {tool} output: {error}", file=sys.stderr)
    found = {name for name in planted_names if any(p.endswith("zz_bench_planted/" + name) for p in paths)}
    rows.append({
        "tool": tool, "mean": run["mean"], "stddev": run.get("stddev") or 0.0, "runs": len(run["times"]),
        "rss": rss, "recall": len(found), "findings": len(paths), "missed": sorted(set(planted_names) - found),
    })

ours = next(r for r in rows if r["tool"] == "securescan-swift")
rg = next((r for r in rows if r["tool"] == "ripgrep"), None)
megabytes = tree_bytes / 1e6
print(f"Tree: {megabytes:.0f} MB, {tree_files} files, {len(planted)} planted secrets.\n")
print("| tool | runs | wall time (s) | × SecureScan (Swift) | MB/s | peak RSS (MiB) | planted secrets found | findings reported |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for row in rows:
    ratio = row["mean"] / ours["mean"]
    rss = f"{row['rss']:.0f}" if row["rss"] is not None else "–"
    print(f"| {row['tool']} | {row['runs']} | {row['mean']:.2f} ± {row['stddev']:.2f} | {ratio:.2f} | {megabytes / row['mean']:.0f} | {rss} | "
          f"{row['recall']}/{len(planted)} | {row['findings']} |")
if rg:
    print(f"\nSecureScan (Swift) takes {ours['mean'] / rg['mean']:.2f}× ripgrep's time.")
for row in rows:
    if row["missed"]:
        print(f"- {row['tool']} missed: {', '.join(row['missed'])}")
