"""pandas DataFrames of an audit (the optional extra ``ghlicense[pandas]``).

pandas is imported only when a frame is asked for: the core never imports it.
"""

from __future__ import annotations

import importlib.util
from typing import TYPE_CHECKING

import attrs

from ghlicense.matching.audit import Audit
from ghlicense.reports.csv_report import CSV_COLUMNS
from ghlicense.reports.view import ReportView, report_view

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["findings_frame", "persons_frame"]


def _require_pandas() -> None:
    if importlib.util.find_spec("pandas") is None:
        raise ImportError(
            "pandas is not installed; install it with: pip install 'ghlicense[pandas]'"
        )


def persons_frame(audit: Audit | ReportView, /) -> pd.DataFrame:
    """One row per person, flat columns (those of the CSV report), seats as booleans."""
    _require_pandas()
    import pandas as pd  # noqa: PLC0415 - only when a frame is asked for

    rows = [attrs.asdict(row) for row in report_view(audit).rows]
    for row in rows:  # missing values as missing, not as empty labels
        for column in ("cloud_login", "name", "license_type"):
            row[column] = row[column] or None
    return pd.DataFrame(rows, columns=list(CSV_COLUMNS))


def findings_frame(audit: Audit | ReportView, /) -> pd.DataFrame:
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
        for f in report_view(audit).findings
    ]
    columns = ["kind", "level", "confidence", "accounts", "fix", "seats_saved", "sentence"]
    return pd.DataFrame(rows, columns=columns)
