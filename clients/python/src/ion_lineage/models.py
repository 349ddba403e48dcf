"""The ingest contract as typed Python: one dataclass per GraphQL input of the service.

Field names are snake_case here and camelCase on the wire (``pipeline_node_id`` is sent as
``pipelineNodeId``; ``from_`` as ``from``). A test of the repository compares these classes with
the input types of ``server/schema.graphql`` field by field (name, optionality, type, enum values)
and fails when either side gains a field the other lacks (``python -m ion_lineage.contract``
prints what it compares).

Every item with an ``id`` uses it as its idempotency key: the same item sent twice is stored once,
the same id with other content is refused (CONFLICT). Choose ids from what the item *is* (a run
name, a request id), never at random, so a pipeline restarted after a crash sends the same ids.
Times are timezone-aware ``datetime`` objects or ISO-8601 strings with an offset.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, Union

Classification = Literal["PUBLIC", "INTERNAL", "CONFIDENTIAL", "PII", "PHI"]
PipelineRole = Literal["TRAINING", "INFERENCE", "CONTROL", "POLICY", "ETL", "MONITOR"]
RunStatus = Literal["RUNNING", "COMPLETED", "FAILED", "ABORTED"]
PrincipalKind = Literal["HUMAN", "SERVICE"]
ModelFormat = Literal["ONNX", "PMML", "SAVED_MODEL", "OPAQUE"]
ModelStatus = Literal["CANDIDATE", "APPROVED", "REJECTED", "RETIRED"]
Decision = Literal["APPROVED", "REJECTED"]
DeploymentRole = Literal["PRIMARY", "CONTROL", "CANARY", "SHADOW"]
EventType = Literal["ERROR", "WARNING", "ALERT", "DRIFT", "INFO"]

#: A date-time: an aware ``datetime`` or an ISO-8601 string with an offset.
DateTimeLike = Union[datetime, str]
#: A JSON object (params, metrics, schemas, inputs...): a mapping of JSON-serializable values.
JsonObject = Mapping[str, Any]


@dataclass(kw_only=True, slots=True)
class TagInput:
    """A key/value tag (a taxonomy term): key of letters, digits and ``. _ : / -``."""

    key: str
    value: str


@dataclass(kw_only=True, slots=True)
class PrincipalInput:
    """A person or service that triggers runs, uploads models or decides approvals."""

    id: str
    name: str
    kind: PrincipalKind
    email: str | None = None


@dataclass(kw_only=True, slots=True)
class IonInput:
    """An ION template: ``definition`` is ``{nodes: [{id, name, role, ...}], edges: [...], policy?}``."""

    id: str
    name: str
    version: str
    definition: JsonObject
    description: str | None = None
    tags: Sequence[TagInput] | None = None


@dataclass(kw_only=True, slots=True)
class IonInstanceInput:
    """One execution of an ION over time."""

    id: str
    ion_id: str
    started_at: DateTimeLike
    status: RunStatus
    ended_at: DateTimeLike | None = None


@dataclass(kw_only=True, slots=True)
class DatasetInput:
    id: str
    name: str
    classification: Classification
    uri: str | None = None
    owner: str | None = None
    description: str | None = None
    schema: JsonObject | None = None
    tags: Sequence[TagInput] | None = None


@dataclass(kw_only=True, slots=True)
class DatasetVersionInput:
    id: str
    dataset_id: str
    version: str
    digest: str
    row_count: int | None = None
    created_at: DateTimeLike | None = None
    schema: JsonObject | None = None
    tags: Sequence[TagInput] | None = None


@dataclass(kw_only=True, slots=True)
class FeatureInput:
    id: str
    name: str
    dtype: str
    classification: Classification
    derived_from_dataset_ids: Sequence[str]
    description: str | None = None
    transform: str | None = None
    tags: Sequence[TagInput] | None = None


@dataclass(kw_only=True, slots=True)
class ModelInput:
    id: str
    name: str
    description: str | None = None
    tags: Sequence[TagInput] | None = None


@dataclass(kw_only=True, slots=True)
class RunInput:
    """A run of a pipeline node (a node id of a recorded ION definition)."""

    id: str
    pipeline_node_id: str
    kind: PipelineRole
    started_at: DateTimeLike
    status: RunStatus
    ended_at: DateTimeLike | None = None
    instance_id: str | None = None
    params: JsonObject | None = None
    code_version: str | None = None
    engine: str | None = None
    engine_version: str | None = None
    host: str | None = None
    environment: JsonObject | None = None
    triggered_by_id: str | None = None
    search_group_id: str | None = None
    purpose: str | None = None
    read_dataset_version_ids: Sequence[str] | None = None
    used_feature_ids: Sequence[str] | None = None
    tags: Sequence[TagInput] | None = None


@dataclass(kw_only=True, slots=True)
class StageInput:
    id: str
    run_id: str
    name: str
    type: str
    stats: JsonObject | None = None
    feeds_stage_ids: Sequence[str] | None = None


@dataclass(kw_only=True, slots=True)
class EnsembleMemberInput:
    model_version_id: str
    weight: float


@dataclass(kw_only=True, slots=True)
class ModelVersionInput:
    id: str
    model_id: str
    version: str
    algorithm: str
    format: ModelFormat
    status: ModelStatus
    framework: str | None = None
    artifact_uri: str | None = None
    digest: str | None = None
    hyperparameters: JsonObject | None = None
    metrics: JsonObject | None = None
    input_schema: JsonObject | None = None
    output_schema: JsonObject | None = None
    produced_by_run_id: str | None = None
    uploaded_by_id: str | None = None
    created_at: DateTimeLike | None = None
    members: Sequence[EnsembleMemberInput] | None = None
    tags: Sequence[TagInput] | None = None


@dataclass(kw_only=True, slots=True)
class ApprovalInput:
    """A reviewer approved or rejected a model version for one ION."""

    id: str
    model_version_id: str
    ion_id: str
    principal_id: str
    decision: Decision
    at: DateTimeLike
    comment: str | None = None
    policy_run_id: str | None = None


@dataclass(kw_only=True, slots=True)
class DeploymentInput:
    """A model version serving a pipeline node from ``from_`` (sent as ``from``) to ``to``."""

    id: str
    model_version_id: str
    pipeline_node_id: str
    role: DeploymentRole
    from_: DateTimeLike
    to: DateTimeLike | None = None
    approval_id: str | None = None


@dataclass(kw_only=True, slots=True)
class ModelLoadInput:
    """A run loaded a model version at an instant (identified by all three)."""

    run_id: str
    model_version_id: str
    at: DateTimeLike


@dataclass(kw_only=True, slots=True)
class AttributionInput:
    feature: str
    contribution: float


@dataclass(kw_only=True, slots=True)
class PredictionInput:
    """One scored request; the control pipeline's prediction shares ``request_id``."""

    id: str
    run_id: str
    request_id: str
    subject_key: str
    at: DateTimeLike
    output: str
    model_version_ids: Sequence[str]
    score: float | None = None
    inputs: JsonObject | None = None
    attributions: Sequence[AttributionInput] | None = None


@dataclass(kw_only=True, slots=True)
class EventInput:
    id: str
    run_id: str
    type: EventType
    at: DateTimeLike
    message: str
    details: JsonObject | None = None


@dataclass(kw_only=True, slots=True)
class IngestBundleInput:
    """Items of any parts, delivered in one transaction (the server writes parents first)."""

    principals: Sequence[PrincipalInput] | None = None
    ions: Sequence[IonInput] | None = None
    ion_instances: Sequence[IonInstanceInput] | None = None
    datasets: Sequence[DatasetInput] | None = None
    dataset_versions: Sequence[DatasetVersionInput] | None = None
    features: Sequence[FeatureInput] | None = None
    models: Sequence[ModelInput] | None = None
    runs: Sequence[RunInput] | None = None
    stages: Sequence[StageInput] | None = None
    model_versions: Sequence[ModelVersionInput] | None = None
    approvals: Sequence[ApprovalInput] | None = None
    deployments: Sequence[DeploymentInput] | None = None
    model_loads: Sequence[ModelLoadInput] | None = None
    predictions: Sequence[PredictionInput] | None = None
    events: Sequence[EventInput] | None = None


#: ``Bundle`` is the short name of ``IngestBundleInput``.
Bundle = IngestBundleInput

#: Every part of a bundle (wire names), in the order the server writes them.
PARTS: tuple[str, ...] = (
    "principals",
    "ions",
    "ionInstances",
    "datasets",
    "datasetVersions",
    "features",
    "models",
    "runs",
    "stages",
    "modelVersions",
    "approvals",
    "deployments",
    "modelLoads",
    "predictions",
    "events",
)

#: The item class of each part.
PART_TYPES: dict[str, type] = {
    "principals": PrincipalInput,
    "ions": IonInput,
    "ionInstances": IonInstanceInput,
    "datasets": DatasetInput,
    "datasetVersions": DatasetVersionInput,
    "features": FeatureInput,
    "models": ModelInput,
    "runs": RunInput,
    "stages": StageInput,
    "modelVersions": ModelVersionInput,
    "approvals": ApprovalInput,
    "deployments": DeploymentInput,
    "modelLoads": ModelLoadInput,
    "predictions": PredictionInput,
    "events": EventInput,
}

#: Every input class, for the contract check against server/schema.graphql.
INPUT_TYPES: tuple[type, ...] = (*PART_TYPES.values(), EnsembleMemberInput, AttributionInput, TagInput, IngestBundleInput)
