#!/usr/bin/env python3
"""Writes a source tree built to hurt a scanner, for the hostile-tree test and docs/robustness.md.

usage: scripts/hostile-tree.py DIRECTORY

Every entry is one case of docs/robustness.md's hostile-tree table. Large files are sparse where the
case allows (the 4 GB file, the 1 GB .pem); the 200 MB lockfile and the 10 MB Dockerfile line are real
bytes. Two files hold planted secrets whose names are not plain text (invalid UTF-8, a newline): a scan
must find both.
"""
import os
import socket
import stat
import sys
import zipfile

GITLAB_TOKEN = "glpat-" + "Zx9Qw3Er5Ty7Ui1Op3As"
GITHUB_TOKEN = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"


def main(root):
    os.makedirs(root, exist_ok=False)
    os.chdir(root)
    os.symlink(".", "loop")
    os.symlink("/", "to-root")
    os.mkfifo("fifo")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind("socket")
    sock.close()
    try:
        os.mknod("null-device", 0o600 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pass  # device nodes need root; the other cases stand
    os.mkdir("unreadable")
    with open("unreadable/inside.txt", "w") as f:
        f.write("x\n")
    os.chmod("unreadable", 0)
    with open("sparse-4g.bin", "wb") as f:
        f.truncate(4 << 30)
    with open(b"config-\xff\xfe.env", "w") as f:
        f.write('token = "%s"\n' % GITLAB_TOKEN)
    with open("new\nline.txt", "w") as f:
        f.write("GITHUB_TOKEN=%s\n" % GITHUB_TOKEN)
    top = os.open(".", os.O_RDONLY)
    os.mkdir("deep")
    os.chdir("deep")
    for _ in range(5000):
        os.mkdir("d")
        os.chdir("d")
    with open("bottom.txt", "w") as f:
        f.write("the bottom\n")
    os.fchdir(top)
    write_lockfile("package-lock.json", 200_000_000)
    write_billion_laughs("pom.xml")
    write_alias_bomb("pnpm-lock.yaml")
    with open("huge.pem", "wb") as f:
        f.write(b"-----BEGIN RSA PRIVATE KEY-----\n")
        f.truncate(1 << 30)
    with zipfile.ZipFile("bomb.jar", "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("zeros.bin", "w", force_zip64=True) as entry:
            block = b"\0" * (1 << 20)
            for _ in range(100):
                entry.write(block)
    with open("Dockerfile", "w") as f:
        f.write("FROM alpine:3.20\nRUN echo start \\\n")
        for _ in range(10_000_000 // 20):
            f.write("  && echo aaaaaa \\\n")
        f.write("  && true\nUSER nobody\nHEALTHCHECK CMD true\n")


def write_lockfile(name, size):
    """A minified (one-line) npm v3 lockfile of about `size` bytes."""
    with open(name, "w") as f:
        f.write('{"name":"huge","version":"1.0.0","lockfileVersion":3,"requires":true,'
                '"packages":{"":{"name":"huge","version":"1.0.0"}')
        written, index = 0, 0
        while written < size:
            chunk = "".join(
                ',"node_modules/p%d":{"version":"1.0.%d","resolved":"https://registry.npmjs.org/p%d/-/p%d-1.0.%d.tgz",'
                '"integrity":"sha512-%s"}' % (j, j % 100, j, j, j % 100, "A" * 86)
                for j in range(index, index + 10000))
            index += 10000
            f.write(chunk)
            written += len(chunk)
        f.write("}}")


def write_billion_laughs(name):
    """Ten entities, each ten of the one before: 10^9 'lol's when expanded."""
    text = '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    previous = "lol"
    for level in range(1, 10):
        text += ' <!ENTITY lol%d "%s">\n' % (level, ("&%s;" % previous) * 10)
        previous = "lol%d" % level
    text += "]>\n<project><groupId>&lol9;</groupId><artifactId>a</artifactId><version>1</version></project>\n"
    with open(name, "w") as f:
        f.write(text)


def write_alias_bomb(name):
    """Eleven levels of nine aliases: 9^11 nodes once expanded, under 1 KB of text."""
    lines = ["lockfileVersion: '6.0'", "a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 12):
        lines.append("a%d: &a%d [%s]" % (level, level, ", ".join(["*a%d" % (level - 1)] * 9)))
    lines += ["packages:", "  /left-pad@1.3.0:", "    resolution: {integrity: sha512-x}", "    dependencies: *a11"]
    with open(name, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
