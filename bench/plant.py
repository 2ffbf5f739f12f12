#!/usr/bin/env python3
"""Plants fake but realistic secrets into a benchmark tree, one per file, and lists them.

Each file holds exactly one secret, so a tool "finds" it when it reports anything in that file.
Values are generated from a fixed seed: every run plants the same secrets.
"""
import base64
import json
import os
import random
import string
import sys

rng = random.Random(1729)
ALNUM = string.ascii_letters + string.digits


def pick(chars, n):
    return "".join(rng.choice(chars) for _ in range(n))


def pem(kind):
    body = base64.b64encode(bytes(rng.randrange(256) for _ in range(900))).decode()
    lines = "\n".join(body[i:i + 64] for i in range(0, len(body), 64))
    return f"-----BEGIN {kind}PRIVATE KEY-----\n{lines}\n-----END {kind}PRIVATE KEY-----\n"


def jwt():
    header = base64.urlsafe_b64encode(b'{"alg":"HS256","typ":"JWT"}').decode().rstrip("=")
    payload = base64.urlsafe_b64encode(json.dumps({"sub": pick(ALNUM, 12), "iat": 1767225600}).encode()).decode().rstrip("=")
    return f"{header}.{payload}.{pick(ALNUM + '-_', 43)}"


PLANTS = [
    ("aws_access_key_id.py", lambda: f'AWS_ACCESS_KEY_ID = "AKIA{pick("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)}"\n'),
    ("aws_secret_access_key.ini", lambda: f"[default]\naws_secret_access_key = {pick(ALNUM + '+/', 40)}\n"),
    ("github_pat.js", lambda: f'const token = "ghp_{pick(ALNUM, 36)}";\n'),
    ("github_fine_grained.sh", lambda: f"export GH_TOKEN=github_pat_{pick(ALNUM, 22)}_{pick(ALNUM, 59)}\n"),
    ("gitlab_pat.yml", lambda: f"gitlab_token: glpat-{pick(ALNUM, 20)}\n"),
    ("slack_bot_token.py", lambda: f'SLACK_BOT = "xoxb-{pick(string.digits, 12)}-{pick(string.digits, 13)}-{pick(ALNUM, 24)}"\n'),
    ("slack_webhook.json", lambda: json.dumps({"url": f"https://hooks.slack.com/services/T{pick(string.ascii_uppercase + string.digits, 8)}/B{pick(string.ascii_uppercase + string.digits, 8)}/{pick(ALNUM, 24)}"}) + "\n"),
    ("stripe_live_key.rb", lambda: f'Stripe.api_key = "sk_live_{pick(ALNUM, 24)}"\n'),
    ("google_api_key.xml", lambda: f"<string name=\"google_api_key\">AIza{pick(ALNUM + '-_', 35)}</string>\n"),
    ("rsa_private_key.pem", lambda: pem("RSA ")),
    ("openssh_private_key", lambda: pem("OPENSSH ")),
    ("ec_private_key.pem", lambda: pem("EC ")),
    ("jwt_token.txt", lambda: f"Authorization: Bearer {jwt()}\n"),
    ("sendgrid_key.env", lambda: f"SENDGRID_API_KEY=SG.{pick(ALNUM + '-_', 22)}.{pick(ALNUM + '-_', 43)}\n"),
    ("npm_token.npmrc", lambda: f"//registry.npmjs.org/:_authToken=npm_{pick(ALNUM, 36)}\n"),
    ("postgres_url.py", lambda: f'DATABASE_URL = "postgres://app:{pick(ALNUM, 18)}@db.internal:5432/app"\n'),
    ("password_assignment.py", lambda: f'DB_PASSWORD = "{pick(ALNUM, 10)}!{pick(ALNUM, 6)}"\n'),
    ("api_key_assignment.go", lambda: f'var apiKey = "{pick(ALNUM, 32)}"\n'),
    ("heroku_api_key.sh", lambda: f"HEROKU_API_KEY={pick('0123456789abcdef', 8)}-{pick('0123456789abcdef', 4)}-{pick('0123456789abcdef', 4)}-{pick('0123456789abcdef', 4)}-{pick('0123456789abcdef', 12)}\n"),
    ("twilio_api_key.py", lambda: f'TWILIO_API_KEY = "SK{pick("0123456789abcdef", 32)}"\n'),
]


def main():
    tree = sys.argv[1]
    directory = os.path.join(tree, "zz_bench_planted")
    os.makedirs(directory, exist_ok=True)
    listing = []
    for name, make in PLANTS:
        path = os.path.join(directory, name)
        with open(path, "w") as handle:
            handle.write("# benchmark fixture: fake credential\n" + make())
        listing.append(os.path.relpath(path, tree))
    json.dump(listing, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
