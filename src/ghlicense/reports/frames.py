"""pandas DataFrames of an audit (the optional extra ``ghlicense[pandas]``).

pandas is imported only when a frame is asked for: the core never imports it.
"""

from __future__ import annotations

import importlib.util
from typing import TYPE_CHECKING

from ghlicense.matching.audit import Audit
from ghlicense.reports.csv_report import CSV_COLUMNS

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["findings_frame", "persons_frame"]


def _require_pandas() -> None:
    if importlib.util.find_spec("pandas") is None:
        raise ImportError(
            "pandas is not installed; install it with: pip install 'ghlicense[pandas]'"
        )


def persons_frame(audit: Audit, /) -> pd.DataFrame:
    """One row per person, flat columns (those of the CSV report), seats as booleans."""
    _require_pandas()
    import pandas as pd  # noqa: PLC0415 - only when a frame is asked for

    findings: dict[str, list[str]] = {}
    for finding in audit.findings:
        for key in finding.persons:
            findings.setdefault(key, []).append(str(finding.kind))
    rows = [
        {
            "id": person.key,
            "cloud_login": person.cloud_login,
            "name": next((a.name for a in person.cloud if a.name), None),
            "server_accounts": "; ".join(f"{a.host_label}:{a.user_id}" for a in person.server),
            "primary_emails": "; ".join(a.primary_email or "" for a in person.server),
            "visual_studio_emails": "; ".join(s.upn for s in person.subscriptions),
            "invitations": "; ".join(i.invitee for i in person.invitations),
            "deployments": "; ".join(person.deployments),
            "consumes_seat": person.consumes_seat,
            "license_type": person.license_type,
            "matched_by": "; ".join(person.matched_by),
            "findings": "; ".join(findings.get(person.key, ())),
        }
        for person in audit.persons
    ]
    return pd.DataFrame(rows, columns=list(CSV_COLUMNS))


def findings_frame(audit: Audit, /) -> pd.DataFrame:
    """One row per finding: kind, level, confidence, accounts, fix, seats saved, sentence."""
    _require_pandas()
    import pandas as pd  # noqa: PLC0415 - only when a frame is asked for

    rows = [
        {
            "kind": str(f.kind),
            "level": str(f.level),
            "confidence": f.confidence,
            "accounts": "; ".join(f.accounts),
            "fix": f.fix.sentence if f.fix else None,
            "seats_saved": f.seats_saved,
            "sentence": f.sentence,
        }
        for f in audit.findings
    ]
    columns = ["kind", "level", "confidence", "accounts", "fix", "seats_saved", "sentence"]
    return pd.DataFrame(rows, columns=columns)
