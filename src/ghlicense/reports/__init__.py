"""Report writers: an audit in, a string out."""

from ghlicense.reports.csv_report import CSV_COLUMNS, render_csv
from ghlicense.reports.html_report import render_html
from ghlicense.reports.json_report import SCHEMA_VERSION, iter_json, render_json, to_json_object
from ghlicense.reports.markdown_report import render_markdown
from ghlicense.reports.rows import PersonRow
from ghlicense.reports.summary import Summary
from ghlicense.reports.text_report import render_text
from ghlicense.reports.view import Notice, NoticeKind, ReportView, report_view

__all__ = [
    "CSV_COLUMNS",
    "SCHEMA_VERSION",
    "Notice",
    "NoticeKind",
    "PersonRow",
    "ReportView",
    "Summary",
    "iter_json",
    "render_csv",
    "render_html",
    "render_json",
    "render_markdown",
    "render_text",
    "report_view",
    "to_json_object",
]
