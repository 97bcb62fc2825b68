#!/usr/bin/env python3
"""Validates a JSON document (stdin) against one schema of docs/openapi.json.

Usage: check_openapi_schema.py OPENAPI_JSON SCHEMA_NAME < document.json
Prints "ok", or the first validation error with its path, and exits 1.
The schema is resolved inside the OpenAPI document (its $refs point to
#/components/schemas/...), with Debian's python3-jsonschema (JSON Schema
2020-12, the dialect of OpenAPI 3.1).
"""
import json
import sys

import jsonschema


def main() -> int:
    with open(sys.argv[1], encoding="utf-8") as f:
        openapi = json.load(f)
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": "#/components/schemas/" + sys.argv[2],
        "components": openapi["components"],
    }
    document = json.load(sys.stdin)
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    if errors:
        e = errors[0]
        print("/".join(str(p) for p in e.absolute_path) + ": " + e.message)
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
