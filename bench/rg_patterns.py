#!/usr/bin/env python3
"""Prints SecureScan (Python)'s secret regexes in ripgrep's syntax, one per line.

ripgrep joins `-f` patterns into one alternation, so each is wrapped in a group to keep its inline
`(?i)` to itself, and Python-only escapes of non-special characters (`\\'`, `\\/`) are removed.
"""
import sys

for line in sys.stdin:
    pattern = line.rstrip("\n")
    if pattern:
        print("(?:" + pattern.replace("\\'", "'").replace("\\/", "/") + ")")
