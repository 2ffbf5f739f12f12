#!/usr/bin/env python3
"""Downloads the source distributions of PyPI projects that ship lockfiles (Cargo.lock, yarn.lock,
package-lock.json, poetry.lock, uv.lock, requirements files) and extracts those lockfiles, keeping each
project's layout: real lockfiles of real projects for the cataloging benchmark.

    sdists.py [--full] OUTDIR NAME==VERSION ...
    sdists.py [--full] OUTDIR @FILE          (one NAME==VERSION per line)

With --full, every regular file of each sdist is extracted (real source trees for the batch benchmark);
links, devices and paths that would leave the project folder are skipped.
"""
import io
import json
import os
import shutil
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


def safe(target, member):
    """The destination of an archive member inside `target`, or None when it would leave it."""
    relative = member.split("/", 1)[-1] if "/" in member else ""
    if not relative or relative.startswith("/") or ".." in relative.split("/"):
        return None
    return os.path.join(target, relative)


def main():
    args = sys.argv[1:]
    full = args[:1] == ["--full"]
    if full:
        args = args[1:]
    out = args[0]
    specs = []
    for arg in args[1:]:
        if arg.startswith("@"):
            specs += [line.strip() for line in open(arg[1:]) if line.strip() and not line.startswith("#")]
        else:
            specs.append(arg)
    keep = (lambda path: True) if full else wanted
    os.makedirs(out, exist_ok=True)
    for spec in specs:
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
        # Extracted into a staging folder renamed at the end, so an interrupted download is redone next time.
        final, target = target, target + ".partial"
        shutil.rmtree(target, ignore_errors=True)
        if sdist["filename"].endswith(".zip"):
            archive = zipfile.ZipFile(io.BytesIO(data))
            for member in archive.namelist():
                path = safe(target, member)
                if path and not member.endswith("/") and keep(member):
                    os.makedirs(os.path.dirname(path), exist_ok=True)
                    open(path, "wb").write(archive.read(member))
                    count += 1
        else:
            archive = tarfile.open(fileobj=io.BytesIO(data))
            for member in archive.getmembers():
                path = safe(target, member.name)
                if path and member.isfile() and keep(member.name):
                    os.makedirs(os.path.dirname(path), exist_ok=True)
                    open(path, "wb").write(archive.extractfile(member).read())
                    count += 1
        os.makedirs(target, exist_ok=True)
        os.rename(target, final)
        print(f"{name} {version}: {count} {'files' if full else 'lockfiles'} ({len(data) >> 10} KiB sdist)", file=sys.stderr)


if __name__ == "__main__":
    main()
