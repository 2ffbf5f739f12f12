#!/usr/bin/env python3
"""Builds the matching benchmark: an OSV database of at least RECORDS records made from the real records in
fixtures/osv (each copied under a new id, new aliases and a renamed package, its ranges and versions kept),
and a target project whose lockfiles hold COMPONENTS components, half of them packages those records name
(at an affected version or at a fixed one), half packages no record names.

    osv_synth.py DB_DIR TARGET_DIR [RECORDS] [COMPONENTS]

Deterministic: the same arguments give the same files.
"""
import glob
import json
import os
import random
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ECOSYSTEMS = ("npm", "PyPI", "Maven", "RubyGems", "Go")
SHARE = {"npm": 0.4, "PyPI": 0.4, "Maven": 0.1, "RubyGems": 0.05, "Go": 0.05}


def templates():
    records, seen = [], set()
    for path in sorted(glob.glob(os.path.join(ROOT, "fixtures/osv/**/*.json"), recursive=True)):
        try:
            record = json.load(open(path))
        except ValueError:
            continue
        if not isinstance(record, dict) or "id" not in record or record.get("withdrawn") or record["id"] in seen:
            continue
        affected = [a for a in record.get("affected", [])
                    if a.get("package", {}).get("ecosystem") in ECOSYSTEMS and (a.get("ranges") or a.get("versions"))]
        if affected:
            record["affected"] = affected
            records.append(record)
            seen.add(record["id"])
    return records


def renamed(ecosystem, name, k):
    return f"{name}-s{k}" if ecosystem != "Go" else f"{name}/s{k}"


def affected_version(entry, rng):
    """A version inside the entry's ranges (or its versions list) and, when one exists, a fixed version."""
    inside, fixed = None, None
    if entry.get("versions"):
        inside = rng.choice(entry["versions"])
    for r in entry.get("ranges", []):
        if r.get("type") == "GIT":
            continue
        for event in r.get("events", []):
            if "introduced" in event and event["introduced"] != "0" and inside is None:
                inside = event["introduced"]
            if "fixed" in event and fixed is None:
                fixed = event["fixed"]
            if "last_affected" in event and inside is None:
                inside = event["last_affected"]
    return inside, fixed


def write_database(directory, records, count):
    shutil.rmtree(directory, ignore_errors=True)
    os.makedirs(directory)
    packages = {ecosystem: [] for ecosystem in ECOSYSTEMS}
    rng = random.Random(7)
    for i in range(count):
        template = records[i % len(records)]
        k = i // len(records)
        record = json.loads(json.dumps(template))
        record["id"] = f"{template['id']}-S{i:06d}"
        record["aliases"] = [f"CVE-2099-{i:06d}"]
        record.pop("related", None)
        for entry in record["affected"]:
            ecosystem = entry["package"]["ecosystem"]
            entry["package"]["name"] = renamed(ecosystem, entry["package"]["name"], k)
            entry["package"].pop("purl", None)
            inside, fixed = affected_version(entry, rng)
            if inside or fixed:
                packages[ecosystem].append((entry["package"]["name"], inside, fixed))
        shard = os.path.join(directory, f"{i // 5000:03d}")
        os.makedirs(shard, exist_ok=True)
        with open(os.path.join(shard, record["id"] + ".json"), "w") as out:
            json.dump(record, out, separators=(",", ":"))
    return packages


def choose_components(packages, total):
    """(ecosystem, name, version) triples: half from the advisories' packages, half unrelated."""
    rng = random.Random(11)
    chosen = []
    for ecosystem in ECOSYSTEMS:
        want = int(total * SHARE[ecosystem])
        named = sorted(set(packages[ecosystem]), key=lambda p: p[0])
        unique = {}
        for name, inside, fixed in named:
            unique.setdefault(name, (inside, fixed))
        names = sorted(unique)
        rng.shuffle(names)
        for name in names[: want // 2]:
            inside, fixed = unique[name]
            version = inside if (inside and (rng.random() < 0.5 or not fixed)) else fixed
            chosen.append((ecosystem, name, version or "1.0.0"))
        for j in range(want - min(want // 2, len(names))):
            name = f"bench-unrelated-{ecosystem.lower()}-{j}"
            if ecosystem == "Go":
                name = f"example.com/bench/unrelated{j}"
            elif ecosystem == "Maven":
                name = f"org.example.bench:unrelated-{j}"
            chosen.append((ecosystem, name, f"1.{j % 50}.{j % 7}"))
    return chosen


def write_target(directory, components):
    shutil.rmtree(directory, ignore_errors=True)
    os.makedirs(directory)
    by = {ecosystem: [c for c in components if c[0] == ecosystem] for ecosystem in ECOSYSTEMS}
    lock = {"name": "bench", "version": "1.0.0", "lockfileVersion": 3, "requires": True,
            "packages": {"": {"name": "bench", "version": "1.0.0"}}}
    for _, name, version in by["npm"]:
        lock["packages"][f"node_modules/{name}"] = {"version": version}
    with open(os.path.join(directory, "package-lock.json"), "w") as out:
        json.dump(lock, out, indent=2)
    with open(os.path.join(directory, "requirements.txt"), "w") as out:
        out.writelines(f"{name}=={version}\n" for _, name, version in by["PyPI"])
    with open(os.path.join(directory, "pom.xml"), "w") as out:
        out.write('<?xml version="1.0"?>\n<project xmlns="http://maven.apache.org/POM/4.0.0">\n'
                  "  <modelVersion>4.0.0</modelVersion>\n  <groupId>org.example</groupId>\n"
                  "  <artifactId>bench</artifactId>\n  <version>1.0.0</version>\n  <dependencies>\n")
        for _, name, version in by["Maven"]:
            group, artifact = name.split(":", 1)
            out.write(f"    <dependency><groupId>{group}</groupId><artifactId>{artifact}</artifactId>"
                      f"<version>{version}</version></dependency>\n")
        out.write("  </dependencies>\n</project>\n")
    with open(os.path.join(directory, "Gemfile.lock"), "w") as out:
        out.write("GEM\n  remote: https://rubygems.org/\n  specs:\n")
        out.writelines(f"    {name} ({version})\n" for _, name, version in sorted(by["RubyGems"]))
        out.write("\nPLATFORMS\n  ruby\n\nDEPENDENCIES\n")
        out.writelines(f"  {name}\n" for _, name, _ in sorted(by["RubyGems"]))
    with open(os.path.join(directory, "go.mod"), "w") as out:
        out.write("module example.com/bench\n\ngo 1.22\n\nrequire (\n")
        out.writelines(f"\t{name} v{version.lstrip('v')}\n" for _, name, version in sorted(by["Go"]))
        out.write(")\n")


def main():
    db_dir, target_dir = sys.argv[1], sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 50000
    total = int(sys.argv[4]) if len(sys.argv) > 4 else 10000
    records = templates()
    packages = write_database(db_dir, records, count)
    components = choose_components(packages, total)
    write_target(target_dir, components)
    print(json.dumps({"templates": len(records), "records": count, "components": len(components)}))


if __name__ == "__main__":
    main()
