"""ION Lineage client for Python pipelines: typed records of the ingest contract, a durable
SQLite spool, batching, retries and dead letters (see README.md)."""

from .client import ClientStats, LineageClient
from .errors import (
    ClientClosedError,
    DeliveryError,
    FieldProblem,
    LineageClientError,
    QueueFullError,
    SpoolFullError,
    SpoolLockedError,
)
from .models import *  # noqa: F403 - the contract classes are the package's vocabulary
from .models import PARTS, PART_TYPES
from .run import RunRecorder, current_run, recorded_run
from .spool import DeadLetter

__version__ = "0.1.0"

__all__ = [
    "LineageClient",
    "ClientStats",
    "RunRecorder",
    "current_run",
    "recorded_run",
    "DeadLetter",
    "LineageClientError",
    "ClientClosedError",
    "DeliveryError",
    "FieldProblem",
    "QueueFullError",
    "SpoolFullError",
    "SpoolLockedError",
    "PARTS",
    "PART_TYPES",
    "ApprovalInput",
    "AttributionInput",
    "Bundle",
    "DatasetInput",
    "DatasetVersionInput",
    "DeploymentInput",
    "EnsembleMemberInput",
    "EventInput",
    "FeatureInput",
    "IngestBundleInput",
    "IonInput",
    "IonInstanceInput",
    "ModelInput",
    "ModelLoadInput",
    "ModelVersionInput",
    "PredictionInput",
    "PrincipalInput",
    "RunInput",
    "StageInput",
    "TagInput",
]
