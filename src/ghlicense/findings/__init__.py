"""Findings: what to change so that one human stops taking two seats."""

from ghlicense.findings.checks import CheckSettings, find_checks
from ghlicense.findings.near_misses import LEVELS, Thresholds, find_near_misses
from ghlicense.findings.records import (
    Evidence,
    EvidenceKind,
    Finding,
    FindingKind,
    Fix,
    FixKind,
    Level,
)
from ghlicense.findings.what_if import WhatIf, parse_fixes, what_if

__all__ = [
    "LEVELS",
    "CheckSettings",
    "Evidence",
    "EvidenceKind",
    "Finding",
    "FindingKind",
    "Fix",
    "FixKind",
    "Level",
    "Thresholds",
    "WhatIf",
    "find_checks",
    "find_near_misses",
    "parse_fixes",
    "what_if",
]
