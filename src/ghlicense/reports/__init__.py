"""Report writers: an audit in, a string out."""

from ghlicense.reports.json_report import SCHEMA_VERSION, iter_json, render_json, to_json_object
from ghlicense.reports.text_report import render_text

__all__ = ["SCHEMA_VERSION", "iter_json", "render_json", "render_text", "to_json_object"]
