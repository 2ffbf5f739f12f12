"""Builds the history benchmark's repository: one commit per PyPI release of boto3 (oldest first, dated
with the release's upload time, its sdist's files as the tree), written with `git fast-import`, plus
fake secrets planted in two releases and deleted a few releases later (what a history scan must find).

    python3 bench/history_repo.py SDIST_DIR REPO_DIR  (SDIST_DIR holds boto3.json and the .tar.gz files)
Prints the planted values' rule names and commit indexes as JSON on stdout.
"""
import io, json, os, random, subprocess, sys, tarfile

sdists, repo = sys.argv[1], sys.argv[2]
meta = json.load(open(os.path.join(sdists, "boto3.json")))
releases = []
for version, files in meta["releases"].items():
    for f in files:
        if f["packagetype"] == "sdist" and os.path.exists(os.path.join(sdists, f["filename"])):
            releases.append((f["upload_time_iso_8601"], version, f["filename"]))
releases.sort()

rng = random.Random(20261204)
def chars(alphabet, n): return "".join(rng.choice(alphabet) for _ in range(n))
upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
planted = {
    # index of the release that adds the file, index of the one that deletes it, path, contents
    "early": (300, 320, "boto3/examples/_local_settings.py",
              f'AWS_ACCESS_KEY_ID = "AKIA{chars(upper, 16)}"\nSLACK_TOKEN = "xoxb-{chars("0123456789", 12)}-{chars("0123456789", 13)}-{chars(alnum, 24)}"\n'),
    "late": (1500, 1503, "scripts/.release.env", f"GITHUB_TOKEN=ghp_{chars(alnum, 36)}\n"),
}

os.makedirs(repo, exist_ok=True)
subprocess.run(["git", "init", "-q", "-b", "main", repo], check=True)
stream = subprocess.Popen(["git", "-C", repo, "fast-import", "--quiet"], stdin=subprocess.PIPE)
out = stream.stdin
def data(payload: bytes):
    out.write(b"data %d\n" % len(payload)); out.write(payload); out.write(b"\n")

for index, (uploaded, version, filename) in enumerate(releases):
    files = {}
    with tarfile.open(os.path.join(sdists, filename)) as archive:
        for member in archive.getmembers():
            if not member.isfile(): continue
            parts = member.name.split("/", 1)
            if len(parts) < 2 or not parts[1]: continue
            files[parts[1]] = (archive.extractfile(member).read(), member.mode & 0o111)
    for start, stop, path, contents in planted.values():
        if start <= index < stop: files[path] = (contents.encode(), 0)
    stamp = int(__import__("datetime").datetime.fromisoformat(uploaded.replace("Z", "+00:00")).timestamp())
    out.write(b"commit refs/heads/main\n")
    out.write(b"author boto3 release <release@example.com> %d +0000\n" % stamp)
    out.write(b"committer boto3 release <release@example.com> %d +0000\n" % stamp)
    data(f"boto3 {version}".encode())
    out.write(b"deleteall\n")
    for path in sorted(files):
        payload, executable = files[path]
        out.write(b"M %s inline %s\n" % (b"100755" if executable else b"100644", path.encode()))
        data(payload)
    out.write(b"\n")
out.close()
if stream.wait() != 0: sys.exit("git fast-import failed")
subprocess.run(["git", "-C", repo, "reset", "-q", "--hard", "main"], check=True)
print(json.dumps({"releases": len(releases), "planted": {name: {"added": releases[a][1], "deleted": releases[d][1], "path": p}
                                                      for name, (a, d, p, _) in planted.items()}}))
