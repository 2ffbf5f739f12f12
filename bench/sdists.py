#!/usr/bin/env python3
"""Downloads the source distributions of PyPI projects that ship lockfiles (Cargo.lock, yarn.lock,
package-lock.json, poetry.lock, uv.lock, requirements files) and extracts those lockfiles, keeping each
project's layout: real lockfiles of real projects for the cataloging benchmark.

    sdists.py OUTDIR NAME==VERSION ...
"""
import io
import json
import os
import sys
import tarfile
import urllib.parse
import urllib.request
import zipfile

LOCKFILES = {
    "Cargo.lock", "yarn.lock", "package-lock.json", "pnpm-lock.yaml", "poetry.lock", "uv.lock", "Pipfile.lock",
    "go.mod", "go.sum", "Gemfile.lock", "composer.lock", "pom.xml", "gradle.lockfile", "packages.lock.json",
    "Package.resolved", "mix.lock", "pubspec.lock", "bun.lock",
}


def wanted(path):
    name = os.path.basename(path)
    parts = path.split("/")
    if "node_modules" in parts or "vendor" in parts:
        return False
    return name in LOCKFILES or (name.startswith("requirements") and name.endswith(".txt"))


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for spec in sys.argv[2:]:
        name, version = spec.split("==")
        target = os.path.join(out, f"{name}-{version}")
        if os.path.isdir(target):
            continue
        try:
            meta = json.load(urllib.request.urlopen(f"https://pypi.org/pypi/{name}/json", timeout=60))
            sdist = next(u for u in meta["releases"][version] if u["packagetype"] == "sdist")
        except Exception as error:  # a yanked or missing release: skip it, the tree is still large enough
            print(f"{name} {version}: skipped ({error})", file=sys.stderr)
            continue
        # Some PyPI mirrors answer with URLs relative to the JSON document.
        url = urllib.parse.urljoin(f"https://pypi.org/pypi/{name}/json", sdist["url"])
        data = urllib.request.urlopen(url, timeout=300).read()
        count = 0
        if sdist["filename"].endswith(".zip"):
            archive = zipfile.ZipFile(io.BytesIO(data))
            for member in archive.namelist():
                if wanted(member):
                    path = os.path.join(target, member.split("/", 1)[-1])
                    os.makedirs(os.path.dirname(path), exist_ok=True)
                    open(path, "wb").write(archive.read(member))
                    count += 1
        else:
            archive = tarfile.open(fileobj=io.BytesIO(data))
            for member in archive.getmembers():
                if member.isfile() and wanted(member.name):
                    path = os.path.join(target, member.name.split("/", 1)[-1])
                    os.makedirs(os.path.dirname(path), exist_ok=True)
                    open(path, "wb").write(archive.extractfile(member).read())
                    count += 1
        os.makedirs(target, exist_ok=True)
        print(f"{name} {version}: {count} lockfiles ({len(data) >> 10} KiB sdist)", file=sys.stderr)


if __name__ == "__main__":
    main()
