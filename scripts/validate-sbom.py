#!/usr/bin/env python3
"""Validates an SBOM with the reference tools of its format; exits non-zero with the problems listed.

    validate-sbom.py cyclonedx-json|cyclonedx-xml FILE [1.5|1.6]
    validate-sbom.py spdx-json|spdx-tv FILE

CycloneDX: cyclonedx-python-lib's strict JSON / XML validators (their bundled official schemas).
SPDX: spdx-tools (parse, then validate against SPDX 2.3) and ntia-conformance-checker (NTIA minimum
elements). Everything runs offline.
"""
import sys


def cyclonedx(kind, path, version):
    from cyclonedx.schema import OutputFormat, SchemaVersion
    from cyclonedx.validation import make_schemabased_validator

    schema = {"1.5": SchemaVersion.V1_5, "1.6": SchemaVersion.V1_6}[version]
    output = OutputFormat.JSON if kind == "cyclonedx-json" else OutputFormat.XML
    validator = make_schemabased_validator(output, schema)
    errors = validator.validate_str(open(path, encoding="utf-8").read())
    return [str(errors)] if errors else []


def spdx(path):
    from spdx_tools.spdx.parser.parse_anything import parse_file
    from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document
    from ntia_conformance_checker.sbom_checker import SbomChecker

    problems = [message.validation_message for message in validate_full_spdx_document(parse_file(path))]
    checker = SbomChecker(path)
    if not checker.compliant:
        problems.append("NTIA minimum elements: " + str(checker.output_json()))
    return problems


def named_for(kind, path):
    """spdx-tools and the NTIA checker pick the parser by file name: give the file the right suffix."""
    import os
    import shutil
    import tempfile

    suffix = {"spdx-json": ".spdx.json", "spdx-tv": ".spdx"}.get(kind)
    if suffix is None or path.endswith(suffix):
        return path
    copy = os.path.join(tempfile.mkdtemp(prefix="validate-sbom-"), "document" + suffix)
    shutil.copyfile(path, copy)
    return copy


def main():
    kind, path = sys.argv[1], sys.argv[2]
    path = named_for(kind, path)
    version = sys.argv[3] if len(sys.argv) > 3 else "1.6"
    problems = cyclonedx(kind, path, version) if kind.startswith("cyclonedx") else spdx(path)
    for problem in problems:
        print(problem)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
