"""Typed, frozen records of every input ghlicense reads."""

from ghlicense.records.cloud import CloudReport, CloudRow, ServerId
from ghlicense.records.identities import ExternalIdentity, IdentitySet, SamlIdentity, ScimIdentity
from ghlicense.records.server import (
    ConnectFeature,
    ServerEmail,
    ServerExport,
    ServerInstance,
    ServerUser,
)
from ghlicense.records.sync import SyncStatus, SyncStatusReport
from ghlicense.records.visual_studio import VisualStudioList, VisualStudioSubscriber

__all__ = [
    "CloudReport",
    "CloudRow",
    "ConnectFeature",
    "ExternalIdentity",
    "IdentitySet",
    "SamlIdentity",
    "ScimIdentity",
    "ServerEmail",
    "ServerExport",
    "ServerId",
    "ServerInstance",
    "ServerUser",
    "SyncStatus",
    "SyncStatusReport",
    "VisualStudioList",
    "VisualStudioSubscriber",
]
