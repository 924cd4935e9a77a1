"""Every module of server/, common/, tools/ and actions/ has its mirror tests/unit/<same path>/test_<module>.py."""

from pathlib import Path

from tests.conftest import ROOT

SOURCE_PACKAGES = ("server", "common", "tools", "actions")


def modules():
    return sorted(
        path.relative_to(ROOT)
        for package in SOURCE_PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if path.name != "__init__.py"
    )


def test_every_module_has_its_mirrored_unit_test_file():
    found = modules()
    assert len(found) > 30, f"the source tree was not found under {ROOT}"
    mirrors = [Path("tests", "unit", module.parent, f"test_{module.name}") for module in found]
    missing = [str(mirror) for mirror in mirrors if not (ROOT / mirror).is_file()]
    assert not missing, f"{len(missing)} module(s) have no mirrored unit test file:\n" + "\n".join(missing)
