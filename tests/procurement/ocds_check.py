"""OCDS checks by tools nobody here wrote: the 1.1.5 JSON schema and libcoveocds, offline."""

import functools
import io
import json
import tempfile
import zipfile
from pathlib import Path
from unittest import mock

from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

OCDS = Path(__file__).resolve().parents[2] / "procurement" / "data" / "ocds-1.1.5"


@functools.cache
def cove_config():
    """libcoveocds reading the standard from the repo's schema files, never the network."""
    from libcoveocds.config import LibCoveOCDSConfig
    from ocdsextensionregistry.versioned_release_schema import get_versioned_release_schema

    standard = io.BytesIO()
    with zipfile.ZipFile(standard, "w") as archive:
        archive.writestr("standard/", "")
        for path in sorted(OCDS.rglob("*.*")):
            archive.write(path, f"standard/schema/{path.relative_to(OCDS)}")
        release = json.loads((OCDS / "release-schema.json").read_text())
        archive.writestr(
            "standard/schema/versioned-release-validation-schema.json",
            json.dumps(get_versioned_release_schema(release, "1__1__5")),
        )
    return LibCoveOCDSConfig({"standard_zip": standard.getvalue(), "context": "api"})


def cove_problems(data):
    """What libcoveocds reports as wrong: schema errors, closed codelist values, failed checks."""
    from libcoveocds.api import ocds_json_output

    with tempfile.TemporaryDirectory() as output, mock.patch("socket.socket.connect") as connect:
        connect.side_effect = OSError("no network in tests")
        report = ocds_json_output(output, json_data=data, lib_cove_ocds_config=cove_config())
    keys = ("validation_errors", "additional_closed_codelist_values", "additional_checks")
    return {key: report[key] for key in keys if report.get(key)}


def ocds_validator():
    package = json.loads((OCDS / "release-package-schema.json").read_text())
    release = json.loads((OCDS / "release-schema.json").read_text())
    registry = Registry().with_resources(
        [
            (release["id"], Resource.from_contents(release, default_specification=DRAFT4)),
            (package["id"], Resource.from_contents(package, default_specification=DRAFT4)),
        ]
    )
    return Draft4Validator(package, registry=registry)
