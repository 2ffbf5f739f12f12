"""Readers for the secrets scanners' own reports: which files each one reported."""
import json


def files_reported(tool, text):
    """Paths (relative or absolute) of every finding a tool reported."""
    paths = []
    if tool.startswith("securescan-swift"):
        for finding in json.loads(text)["findings"]:
            paths.append(finding.get("location", {}).get("path", ""))
    elif tool == "securescan-py":
        data = json.loads(text)
        findings = data.get("findings", data) if isinstance(data, dict) else data
        paths = [f.get("file_path") or "" for f in findings]
    elif tool == "trivy":
        for result in json.loads(text).get("Results", []) or []:
            paths += [result.get("Target", "")] * len(result.get("Secrets", []) or [])
    elif tool == "detect-secrets":
        for path, items in json.loads(text).get("results", {}).items():
            paths += [path] * len(items)
    elif tool == "trufflehog3":
        data = json.loads(text) if text.strip() else []
        paths = [item.get("path", "") for item in data]
    elif tool == "ripgrep":
        paths = [line.split(":", 1)[0] for line in text.splitlines() if ":" in line]
    return paths
