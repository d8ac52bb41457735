"""Findings: what to change so that one human stops taking two seats."""

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

__all__ = [
    "LEVELS",
    "Evidence",
    "EvidenceKind",
    "Finding",
    "FindingKind",
    "Fix",
    "FixKind",
    "Level",
    "Thresholds",
    "find_near_misses",
]
