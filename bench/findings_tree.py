#!/usr/bin/env python3
"""Builds a tree whose secrets scan yields about N findings, for the report-rendering benchmark: files of
100 lines, each line one distinct fake credential (GitHub token, AWS access key id, Slack bot token) that
SecureScan and SecureScan (Python) both detect. Fixed seed: the same N gives the same tree.

    findings_tree.py DIR N
"""
import os
import random
import shutil
import string
import sys

ALNUM = string.ascii_letters + string.digits


def main():
    directory, count = sys.argv[1], int(sys.argv[2])
    rng = random.Random(4242)
    pick = lambda chars, n: "".join(rng.choice(chars) for _ in range(n))
    shutil.rmtree(directory, ignore_errors=True)
    os.makedirs(directory)
    kinds = [
        lambda: f'GITHUB_TOKEN = "ghp_{pick(ALNUM, 36)}"',
        lambda: f'AWS_ACCESS_KEY_ID = "AKIA{pick("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)}"',
        lambda: f'SLACK_TOKEN = "xoxb-{pick(string.digits, 12)}-{pick(string.digits, 12)}-{pick(ALNUM, 24)}"',
    ]
    written = 0
    index = 0
    while written < count:
        lines = []
        for _ in range(min(100, count - written)):
            lines.append(kinds[written % len(kinds)]())
            written += 1
        folder = os.path.join(directory, f"pkg{index // 100:03d}")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"settings_{index:05d}.py"), "w") as out:
            out.write("\n".join(lines) + "\n")
        index += 1
    print(written)


if __name__ == "__main__":
    main()
