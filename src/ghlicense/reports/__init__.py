"""Report writers: an audit in, a string out."""

from ghlicense.reports.csv_report import CSV_COLUMNS, render_csv
from ghlicense.reports.html_report import render_html
from ghlicense.reports.json_report import SCHEMA_VERSION, iter_json, render_json, to_json_object
from ghlicense.reports.markdown_report import render_markdown
from ghlicense.reports.text_report import render_text

__all__ = [
    "CSV_COLUMNS",
    "SCHEMA_VERSION",
    "iter_json",
    "render_csv",
    "render_html",
    "render_json",
    "render_markdown",
    "render_text",
    "to_json_object",
]
