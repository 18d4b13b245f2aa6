#!/usr/bin/env python3
"""cyclonedx-validate.py BOM.json: validate a CycloneDX 1.6 JSON BOM against
the official schema committed under tests/data/cyclonedx/, offline.

The schema refers to spdx.schema.json and jsf-0.82.schema.json by their
cyclonedx.org URLs; both are served from the local copies, so nothing is
fetched. Works with Debian 12's python3-jsonschema (4.10, RefResolver) and
with later releases (the `referencing` registry). Exit 0 when valid, 1 with
every error's path and message when not, 2 on bad usage or a missing
validator.
"""
import json
import os
import sys

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "cyclonedx")
BASE = "http://cyclonedx.org/schema/"


def load(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        return json.load(f)


def validator():
    import jsonschema
    schemas = {n: load(n) for n in ("bom-1.6.schema.json", "spdx.schema.json",
                                    "jsf-0.82.schema.json")}
    bom = schemas["bom-1.6.schema.json"]
    cls = jsonschema.Draft7Validator
    try:
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT7
    except ImportError:
        store = {BASE + n: s for n, s in schemas.items()}
        resolver = jsonschema.RefResolver(BASE + "bom-1.6.schema.json", bom, store=store)
        return cls(bom, resolver=resolver, format_checker=cls.FORMAT_CHECKER)
    registry = Registry().with_resources(
        (BASE + n, Resource.from_contents(s, default_specification=DRAFT7))
        for n, s in schemas.items())
    return cls(bom, registry=registry, format_checker=cls.FORMAT_CHECKER)


def main():
    if len(sys.argv) != 2:
        print("usage: cyclonedx-validate.py BOM.json", file=sys.stderr)
        return 2
    try:
        v = validator()
    except ImportError as e:
        print("cyclonedx-validate.py: no jsonschema module (%s): install python3-jsonschema" % e,
              file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        doc = json.load(f)
    errors = sorted(v.iter_errors(doc), key=lambda e: list(e.absolute_path))
    for e in errors:
        where = "/".join(str(p) for p in e.absolute_path) or "(root)"
        print("%s: %s: %s" % (sys.argv[1], where, e.message))
    if not errors:
        print("%s: valid CycloneDX 1.6" % sys.argv[1])
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
