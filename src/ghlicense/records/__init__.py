"""Typed, frozen records of every input ghlicense reads."""

from ghlicense.records.cloud import CloudReport, CloudRow, ServerId
from ghlicense.records.server import (
    ConnectFeature,
    ServerEmail,
    ServerExport,
    ServerInstance,
    ServerUser,
)

__all__ = [
    "CloudReport",
    "CloudRow",
    "ConnectFeature",
    "ServerEmail",
    "ServerExport",
    "ServerId",
    "ServerInstance",
    "ServerUser",
]
