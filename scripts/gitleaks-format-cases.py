#!/usr/bin/env python3
"""Writes fixtures/secrets/gitleaks-formats/cases.jsonl: for every rule of
Sources/SecureScanScanners/Secrets/SecretRules+ProviderFormats.swift (the formats of gitleaks' default
configuration that have no sample cases there), two true cases built from the rule's own token format
(a value of the format's alphabet and length, random, in two syntaxes) and three look-alikes that must not
fire: a placeholder of the same shape, a value too short for the format, and for an assignment rule the
value without the provider's name. Deterministic: the random source is seeded with the rule id."""
import warnings
warnings.filterwarnings("ignore", category=DeprecationWarning)
import json, math, random, re, sre_constants as C, sre_parse, sys  # noqa: E402
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "Sources/SecureScanScanners/Secrets/SecretRules+ProviderFormats.swift"
OUT = ROOT / "fixtures/secrets/gitleaks-formats/cases.jsonl"
RULE = re.compile(r'id: "([^"]+)".*?keywords: \[(.*?)\], pattern: (assignment\(#"(.*?)"#, #"(.*?)"#\)|#"(.*?)"#)(?: \+ end)?(?:, minEntropy: ([0-9.]+))?\)', re.S)
PRINTABLE = [chr(c) for c in range(0x21, 0x7f) if chr(c) not in "\"'`\\"]
WORD = [chr(c) for c in range(0x30, 0x3a)] + [chr(c) for c in range(0x41, 0x5b)] + [chr(c) for c in range(0x61, 0x7b)] + ["_"]

def python_regex(pattern):
    """The pattern in Python's dialect: no inline case flags mid-pattern, no POSIX classes."""
    pattern = pattern.replace("(?-i:", "(?:").replace("(?i)", "").replace("[[:alnum:]]", "[A-Za-z0-9]")
    return pattern.replace("(?<![A-Za-z0-9_])", "")

def characters(items):
    chosen, negate = [], False
    for op, av in items:
        if op == C.NEGATE: negate = True
        elif op == C.LITERAL: chosen.append(chr(av))
        elif op == C.RANGE: chosen += [chr(c) for c in range(av[0], av[1] + 1)]
        elif op == C.CATEGORY:
            chosen += {C.CATEGORY_DIGIT: [str(d) for d in range(10)], C.CATEGORY_WORD: WORD,
                       C.CATEGORY_NOT_SPACE: PRINTABLE}.get(av, PRINTABLE)
    if negate: chosen = [c for c in PRINTABLE if c not in chosen]
    return sorted(set(chosen))

def generate(parsed, rng, shortest=False):
    out = ""
    for op, av in parsed:
        if op == C.LITERAL: out += chr(av)
        elif op == C.NOT_LITERAL: out += rng.choice([c for c in WORD if c != chr(av)])
        elif op == C.ANY: out += rng.choice(WORD)
        elif op == C.IN: out += rng.choice(characters(av))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
            low, high, item = av
            high = low + 8 if high == C.MAXREPEAT else high
            count = low if shortest else rng.randint(low, max(low, min(high, low + 12)))
            out += "".join(generate(item, rng, shortest) for _ in range(count))
        elif op == C.SUBPATTERN: out += generate(av[-1], rng, shortest)
        elif op == C.BRANCH: out += generate(av[1][0], rng, shortest)
        elif op in (C.AT, C.ASSERT, C.ASSERT_NOT): pass
        else: raise ValueError("cannot generate %s" % op)
    return out

def entropy(text):
    counts = Counter(text)
    return -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values())

def value(pattern, rng, minimum):
    parsed = sre_parse.parse(python_regex(pattern))
    for _ in range(500):
        text = generate(parsed, rng)
        if entropy(text) >= minimum + 0.5 and re.fullmatch(python_regex(pattern), text, re.I): return text
    raise ValueError("no value of enough entropy for " + pattern)

def placeholder(text):
    """The same shape with every letter and digit after the first four an `x` or `0`."""
    head, tail = text[:4], text[4:]
    return head + "".join("x" if c.isalpha() else "0" if c.isdigit() else c for c in tail)

def main():
    cases = []
    for match in RULE.finditer(SOURCE.read_text()):
        rule, names, token, whole = match.group(1), match.group(4), match.group(5), match.group(6)
        keywords, minimum = re.findall(r'"([^"]+)"', match.group(2)), float(match.group(7) or 0)
        rng = random.Random(rule)
        def add(expect, sample): cases.append({"rule_id": rule, "expect": expect, "sample": sample})
        if names is not None:
            name = generate(sre_parse.parse(python_regex(names)), rng, shortest=True).lower()
            secret = value(token, rng, minimum)
            variable = re.sub(r"[^a-z0-9]+", "_", name).upper()
            add("match", '%s_API_KEY = "%s"' % (variable, secret))
            add("match", "%s_token: %s" % (re.sub(r"[^a-z0-9]+", "_", name), value(token, rng, minimum)))
            add("no-match", '%s_API_KEY = "<your-%s-api-key>"' % (variable, name.replace("_", "-")))
            add("no-match", '%s_API_KEY = "%s"' % (variable, secret[: max(1, len(secret) // 2 - 1)]))
            add("no-match", 'checksum = "%s"' % secret)
        else:
            secret = value(whole, rng, minimum)
            # The scanner looks at a line only when one of the rule's keywords is on it, as gitleaks does; a
            # token that does not contain one is written under a name that does.
            named = keywords and not any(k in secret.lower() for k in keywords)
            variable = re.sub(r"[^A-Za-z0-9]+", "_", keywords[0]).strip("_").upper() + "_TOKEN" if named else "SERVICE_TOKEN"
            add("match", '%s = "%s"' % (variable.lower() if named else "token", secret))
            add("match", "export %s=%s" % (variable, value(whole, rng, minimum)))
            shape = placeholder(secret)
            if not re.fullmatch(python_regex(whole), shape, re.I) or entropy(shape) < minimum or minimum == 0:
                add("no-match", 'token = "%s"' % ("x" * len(secret)))
            else:
                add("no-match", 'token = "%s"' % shape)
            add("no-match", 'token = "%s"' % secret[: len(secret) // 2])
    OUT.write_text("".join(json.dumps(case) + "\n" for case in cases))
    print("%d cases for %d rules" % (len(cases), len({c["rule_id"] for c in cases})), file=sys.stderr)

main()
