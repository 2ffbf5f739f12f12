#!/usr/bin/env python3
"""Compares the package sets of two CycloneDX SBOMs of the same tree, lockfile by lockfile: SecureScan
(which lists each component's manifests under evidence.occurrences) and Syft (which lists them as
syft:location:N:path properties). Prints a Markdown table per lockfile format and the differences.

    sbom_compare.py OURS.json SYFT.json [project-000]

Only the first project copy is compared (the others are identical copies).
"""
import collections
import json
import os
import sys
import urllib.parse


def key(component):
    """(purl type, namespace/name, version): what both tools mean by one package, spelled one way."""
    purl = component.get("purl")
    version = component.get("version", "")
    if not purl:
        name = component["name"] if "group" not in component else component["group"] + "/" + component["name"]
        return ("", normalize(name), version.lstrip("v"))
    body = urllib.parse.unquote(purl[4:].split("?")[0].split("#")[0])
    kind, _, rest = body.partition("/")
    name = rest.rsplit("@", 1)[0] if "@" in rest else rest
    return (kind, normalize(name), version.lstrip("v"))


def ours(path, prefix):
    packages = collections.defaultdict(set)
    for component in json.load(open(path)).get("components", []):
        package = key(component)
        for occurrence in component.get("evidence", {}).get("occurrences", []):
            location = occurrence["location"]
            if location.startswith(prefix + "/"):
                packages[location].add(package)
    return packages


def syft(path, prefix):
    packages = collections.defaultdict(set)
    for component in json.load(open(path)).get("components", []):
        if component.get("type") == "file":
            continue
        package = key(component)
        for prop in component.get("properties", []):
            if prop["name"].startswith("syft:location:") and prop["name"].endswith(":path"):
                location = prop["value"].lstrip("/")
                if location.startswith(prefix + "/"):
                    packages[location].add(package)
    return packages


def normalize(name):
    return name.lower().replace("_", "-").replace(".", "-")


def main():
    prefix = sys.argv[3] if len(sys.argv) > 3 else "project-000"
    a, b = ours(sys.argv[1], prefix), syft(sys.argv[2], prefix)
    by_format = collections.defaultdict(lambda: [0, 0, 0, 0, 0, 0])  # files, both-read, identical, ours, syft, common
    differences = []
    for location in sorted(set(a) | set(b)):
        name = os.path.basename(location)
        row = by_format[name]
        row[0] += 1
        ours_set = a.get(location, set())
        syft_set = b.get(location, set())
        if ours_set and syft_set:
            row[1] += 1
        if ours_set == syft_set:
            row[2] += 1
        row[3] += len(ours_set)
        row[4] += len(syft_set)
        row[5] += len(ours_set & syft_set)
        if ours_set != syft_set:
            only_ours = sorted(ours_set - syft_set)
            only_syft = sorted(syft_set - ours_set)
            differences.append((location, len(ours_set), len(syft_set), only_ours[:4], only_syft[:4], len(only_ours), len(only_syft)))
    print("| lockfile | files | read by both | identical sets | packages (SecureScan) | packages (Syft) | in both |")
    print("|---|---|---|---|---|---|---|")
    for name in sorted(by_format):
        files, both, same, mine, theirs, common = by_format[name]
        print(f"| `{name}` | {files} | {both} | {same} | {mine} | {theirs} | {common} |")
    print()
    print("Differences (first packages only on each side):")
    print()
    for location, mine, theirs, only_ours, only_syft, n_ours, n_syft in differences:
        print(f"- `{location}`: SecureScan {mine}, Syft {theirs}; only SecureScan ({n_ours}): {only_ours}; only Syft ({n_syft}): {only_syft}")


if __name__ == "__main__":
    main()
