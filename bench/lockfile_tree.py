#!/usr/bin/env python3
"""Builds the cataloging benchmark tree: real lockfiles from the trivy parser corpus (fixtures/) and from
PyPI source distributions (bench/sdists.py), each under the file name its tool gives it, copied into
numbered project folders until the tree holds at least MIN_FILES lockfiles.

    lockfile_tree.py TREE SDIST_DIR [MIN_FILES]
"""
import os
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "fixtures/lockfiles/trivy-parser-testdata")

# Corpus folder -> the name the file has in a real project.
NAMES = {
    "nodejs/npm": "package-lock.json", "nodejs/yarn": "yarn.lock", "nodejs/pnpm": "pnpm-lock.yaml", "nodejs/bun": "bun.lock",
    "python/pip": "requirements.txt", "python/pipenv": "Pipfile.lock", "python/poetry": "poetry.lock", "python/uv": "uv.lock",
    "python/pylock": "pylock.toml", "python/pyproject": "pyproject.toml", "golang/sum": "go.sum", "rust/cargo": "Cargo.lock",
    "ruby/bundler": "Gemfile.lock", "php/composer": "composer.lock", "gradle/lockfile": "gradle.lockfile",
    "nuget/lock": "packages.lock.json", "nuget/config": "packages.config", "nuget/packagesprops": "Directory.Packages.props",
    "swift/swift": "Package.resolved", "swift/cocoapods": "Podfile.lock", "hex/mix": "mix.lock", "dart/pub": "pubspec.lock",
    "conda/environment": "environment.yml", "c/conan": "conan.lock", "sbt/lockfile": "build.sbt.lock",
    "dotnet/core_deps": "app.deps.json",
}
# Inputs the corpus keeps to test error handling: not what a real project contains.
BROKEN = ("invalid", "broken", "sad", "malformed", "wrong", "corrupt", "empty", "bad_protocol", "no_project", "missed", "multiple-same")


def base_files():
    """(relative destination, source) pairs: one project's worth of lockfiles."""
    pairs = []
    for folder, name in sorted(NAMES.items()):
        directory = os.path.join(CORPUS, folder)
        for entry in sorted(os.listdir(directory)):
            source = os.path.join(directory, entry)
            if entry == "EXPECTED_PACKAGES.tsv" or any(word in entry for word in BROKEN):
                continue
            if os.path.isfile(source):
                pairs.append((f"{folder}/{os.path.splitext(entry)[0]}/{name}", source))
    for folder in ("golang/mod", "julia/manifest", "java/pom"):
        base = os.path.join(CORPUS, folder)
        for current, _, files in sorted(os.walk(base)):
            for entry in sorted(files):
                if entry in ("go.mod", "go.sum", "Manifest.toml", "pom.xml") and not any(word in current for word in BROKEN):
                    relative = os.path.relpath(os.path.join(current, entry), CORPUS)
                    pairs.append((relative, os.path.join(current, entry)))
    return pairs


def main():
    tree, sdists = sys.argv[1], sys.argv[2]
    minimum = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
    pairs = base_files()
    for current, _, files in sorted(os.walk(sdists)):
        for entry in sorted(files):
            source = os.path.join(current, entry)
            pairs.append((os.path.join("sdists", os.path.relpath(source, sdists)), source))
    copies = -(-minimum // len(pairs))
    if os.path.isdir(tree):
        shutil.rmtree(tree)
    for copy in range(copies):
        for relative, source in pairs:
            destination = os.path.join(tree, f"project-{copy:03d}", relative)
            os.makedirs(os.path.dirname(destination), exist_ok=True)
            shutil.copyfile(source, destination)
    print(f"{len(pairs)} distinct lockfiles x {copies} copies = {len(pairs) * copies} files in {tree}")


if __name__ == "__main__":
    main()
