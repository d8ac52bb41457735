"""One entry point for any file: recognise it, or say what it is instead."""

from __future__ import annotations

import contextlib

import pytest

from conftest import REALDATA, realdata
from ghlicense import UnknownFormatError, detect_format, parse_any

EXPECTED = {
    "magmamoose_enterprise_members_csv/export-octodemo-1774709193.head.csv": "cloud_csv",
    "some_natalie_chargeback_table/consumed_licenses_table.converted.csv": "cloud_csv",
    "pygithub_consumed_licenses/EnterpriseAdmin.testGetConsumedLicenses.page1.json": "cloud_json",
    "openapi_ghec_examples/consumed_licenses.example.json": "cloud_json",
    "gogithub_enterprise_licenses/consumed_licenses.page.json": "cloud_json",
    "openapi_ghec_examples/license_sync_status.example.json": "sync_status",
    "openapi_ghec_examples/visual_studio_subscriptions.list.example.json": "visual_studio",
    "gogithub_enterprise_licenses/visual_studio_subscription_assignment.put.json": "visual_studio",
    "vs_admin_export_csharp_fixture/vs_export.cleaned.csv": "visual_studio",
    "graphql_external_identities_mocks/org_nodes_single.json": "identities",
    "graphql_external_identities_mocks/org_no_saml.json": "identities",
}


@pytest.mark.parametrize(("name", "kind"), sorted(EXPECTED.items()))
def test_real_files_are_recognised(name: str, kind: str) -> None:
    """Each third-party file is recognised as its format and parses."""
    data = realdata(name).read_bytes()
    assert detect_format(data) == kind
    assert parse_any(data, source=name).format == kind


def test_every_real_file_parses_or_is_explained() -> None:
    """Every file of realdata either parses or raises a ghlicense error (never anything else)."""
    if not REALDATA.exists():
        pytest.skip(f"{REALDATA} is absent")
    from ghlicense import GhlicenseError

    seen = 0
    for path in sorted(REALDATA.rglob("*")):
        if path.suffix not in {".csv", ".json", ".txt"} or path.name.startswith("replay_"):
            continue
        seen += 1
        with contextlib.suppress(GhlicenseError):
            parse_any(path.read_bytes(), source=path.name, host="ghes.example.com")
    assert seen >= 30


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "f: this is an empty file; pass the file itself."),
        (
            b"<!DOCTYPE html><html><body>Sign in</body></html>",
            "f: this is an HTML page, not a license file; a browser may have saved a sign-in "
            "or error page instead of the file.",
        ),
        (
            b'{"login": "x", "id": 1}',
            "f: this is JSON of none of the license formats (its top-level keys are 'id', "
            "'login').",
        ),
        (
            b"name,age\n",
            "f: this is not a license file: it is a CSV (or text) whose header has none of the "
            "license report's columns (it starts with 'name', 'age').",
        ),
        (
            b"[[[[" * 50_000,
            "f: this JSON is nested deeper than any license file is; check that this is the "
            "right file.",
        ),
        (
            b"PK\x03\x04\x14\x00",
            "f: this is a ZIP archive, not a text file; extract it and pass the file inside.",
        ),
        (
            b'{"users": [',
            "f:1:12: this starts like JSON but is not valid JSON (a value is missing here); "
            "download the file again.",
        ),
    ],
)
def test_error_unknown_formats(data: bytes, message: str) -> None:
    """Files of no known format say what they look like."""
    with pytest.raises(UnknownFormatError) as caught:
        detect_format(data, source="f")
    assert str(caught.value) == message


def test_error_users_report_needs_a_host() -> None:
    """An all_users.csv names no instance, so the caller must."""
    from ghlicense import ServerExportError

    with pytest.raises(ServerExportError) as caught:
        parse_any(b"created_at,id,login,email\n2021-01-01,1,a,a@example.com\n", source="u.csv")
    assert str(caught.value) == (
        "u.csv: this is a GHES site admin 'All users' report, which does not name its "
        "instance; say which host it is from (on the command line: --server HOST=FILE, for "
        "example --server ghes.example.com=all_users.csv)."
    )


def test_utf16_with_bom() -> None:
    """A spreadsheet's UTF-16 save (with BOM) is read."""
    text = "Name,Sign-in Email\nAda,ada@example.com\n"
    assert detect_format(text.encode("utf-16")) == "visual_studio"


def test_error_dormant_users_report() -> None:
    """A users report without emails is named for what it is, once, for every option."""
    with pytest.raises(UnknownFormatError) as caught:
        parse_any(b"created_at,id,login,role\n2021-01-01,1,a,user\n", source="d.csv")
    assert str(caught.value) == (
        "d.csv: this is a list of users without email addresses (a dormant-users report, or "
        "a users report without its email column), not a license file: accounts without "
        "emails cannot be matched. Pass the license usage report with --cloud, and for each "
        "GHES instance its license usage export, or its site admin 'All users' report, with "
        "--server."
    )
