"""How MLflow's entities become ION Lineage items (pure functions; ``sync`` does the I/O).

Every id is derived from MLflow's own ids under a scope (``mlflow:<scope>:...``), and every field
from MLflow's stored data, so a re-run produces identical items, which the service stores once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any

from .. import models as m

RUN_STATUS: dict[str, m.RunStatus] = {"FINISHED": "COMPLETED", "FAILED": "FAILED", "KILLED": "ABORTED"}
#: Aliases and stages that mean "serving in this role"; others are not deployments.
ALIAS_ROLES: dict[str, m.DeploymentRole] = {
    "champion": "PRIMARY", "production": "PRIMARY", "prod": "PRIMARY",
    "challenger": "CANARY", "canary": "CANARY", "staging": "CANARY", "shadow": "SHADOW",
}
STAGE_ROLES: dict[str, m.DeploymentRole] = {"Production": "PRIMARY", "Staging": "CANARY"}
REGISTRY_PRINCIPAL = "mlflow-registry"


def ms_time(ms: int | None) -> str | None:
    """MLflow's epoch milliseconds as ISO-8601 UTC."""
    return None if ms is None else datetime.fromtimestamp(ms / 1000, timezone.utc).isoformat(timespec="milliseconds")


def safe(value: str) -> str:
    """An MLflow name as an id segment (ids allow letters, digits and . _ : / @ + = -)."""
    out = "".join(c if c.isalnum() or c in "._:/@+=-" else "-" for c in value)
    return out if out[:1].isalnum() else f"x{out}"


class Ids:
    """The ids of one MLflow server's items, under ``mlflow:<scope>``."""

    def __init__(self, scope: str) -> None:
        self.base = f"mlflow:{safe(scope)}"

    def experiment_ion(self, experiment_id: str) -> str:
        return f"{self.base}:exp:{safe(experiment_id)}"

    def training_node(self, experiment_id: str) -> str:
        return f"{self.base}:exp:{safe(experiment_id)}:train"

    def run(self, run_id: str) -> str:
        return f"{self.base}:run:{safe(run_id)}"

    def dataset(self, name: str) -> str:
        return f"{self.base}:dataset:{safe(name)}"

    def registry_ion(self, model: str) -> str:
        return f"{self.base}:registry:{safe(model)}"

    def review_node(self, model: str) -> str:
        return f"{self.base}:registry:{safe(model)}:review"

    def serving_node(self, model: str) -> str:
        return f"{self.base}:registry:{safe(model)}:serving"

    def model(self, name: str) -> str:
        return f"{self.base}:model:{safe(name)}"

    def model_version(self, name: str, version: str) -> str:
        return f"{self.base}:model:{safe(name)}:v{safe(str(version))}"

    def logged_model(self, model_id: str) -> str:
        return f"{self.base}:logged-model:{safe(model_id)}"

    def principal(self, user: str | None) -> str:
        return f"{self.base}:user:{safe(user)}" if user else f"{self.base}:{REGISTRY_PRINCIPAL}"


def experiment_ion(ids: Ids, experiment_id: str, name: str) -> m.IonInput:
    node = {"id": ids.training_node(experiment_id), "name": name[:500] or experiment_id, "role": "TRAINING", "engine": "mlflow"}
    return m.IonInput(id=ids.experiment_ion(experiment_id), name=f"MLflow experiment {experiment_id}", version="1", definition={"nodes": [node], "edges": []})


def registry_ion(ids: Ids, model: str) -> m.IonInput:
    nodes = [
        {"id": ids.review_node(model), "name": f"{model} review", "role": "POLICY", "engine": "mlflow"},
        {"id": ids.serving_node(model), "name": f"{model} serving", "role": "INFERENCE"},
    ]
    edges = [{"from": ids.review_node(model), "to": ids.serving_node(model), "message": "MODEL"}]
    return m.IonInput(id=ids.registry_ion(model), name=f"MLflow registered model {model}"[:500], version="1", definition={"nodes": nodes, "edges": edges})


def principal(ids: Ids, user: str | None) -> m.PrincipalInput:
    return m.PrincipalInput(id=ids.principal(user), name=user or "MLflow model registry", kind="HUMAN" if user else "SERVICE")


def dataset_items(ids: Ids, dataset: Any) -> tuple[m.DatasetInput, m.DatasetVersionInput]:
    """An ``mlflow.data`` dataset input: the dataset by name, its version by digest."""
    profile = _json(getattr(dataset, "profile", None))
    schema = _json(getattr(dataset, "schema", None))
    rows = profile.get("num_rows") if isinstance(profile, dict) else None
    digest = dataset.digest or "unknown"
    return (
        m.DatasetInput(id=ids.dataset(dataset.name), name=dataset.name[:500], classification="INTERNAL"),
        m.DatasetVersionInput(
            id=f"{ids.dataset(dataset.name)}@{safe(digest)}", dataset_id=ids.dataset(dataset.name), version=digest, digest=digest,
            row_count=rows if isinstance(rows, int) else None, schema=schema if isinstance(schema, dict) else None,
        ),
    )


_TAG_KEY = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._:/-]{0,127}$")


def user_tags(tags: Mapping[str, str]) -> list[m.TagInput] | None:
    """MLflow's user tags as ION Lineage tags: system tags (``mlflow.*``) and pairs the contract
    would refuse (key characters, lengths) are left out, at most 50, in key order."""
    kept = [m.TagInput(key=k, value=str(v)) for k, v in sorted(tags.items()) if not k.startswith("mlflow.") and _TAG_KEY.match(k) and len(str(v)) <= 256]
    return kept[:50] or None


def run_item(ids: Ids, run: Any, dataset_version_ids: list[str]) -> m.RunInput:
    """A finished MLflow run: params, code version, its user, metrics and tags in ``environment``."""
    info, data = run.info, run.data
    tags = {k: v for k, v in data.tags.items() if not k.startswith("mlflow.log-model")}
    return m.RunInput(
        id=ids.run(info.run_id), pipeline_node_id=ids.training_node(info.experiment_id), kind="TRAINING",
        started_at=ms_time(info.start_time) or ms_time(info.end_time) or "1970-01-01T00:00:00Z", ended_at=ms_time(info.end_time),
        status=RUN_STATUS.get(info.status, "COMPLETED"), params=dict(data.params) or None,
        code_version=tags.get("mlflow.source.git.commit"), engine="mlflow", triggered_by_id=ids.principal(info.user_id) if info.user_id else None,
        environment={"mlflowRunId": info.run_id, "runName": info.run_name, "metrics": dict(data.metrics), "tags": tags, "artifactUri": info.artifact_uri},
        read_dataset_version_ids=dataset_version_ids or None, tags=user_tags(data.tags),
    )


def algorithm_of(run: Any | None, tags: Mapping[str, str]) -> str:
    run_tags = run.data.tags if run is not None else {}
    return tags.get("estimator_name") or run_tags.get("estimator_name") or run_tags.get("estimator_class") or "unknown"


def model_version_item(ids: Ids, version: Any, run: Any | None, digest: str | None, run_synced: bool) -> m.ModelVersionInput:
    """A registered model version; its status stays CANDIDATE (decisions are Approvals)."""
    metrics = dict(run.data.metrics) if run is not None else None
    return m.ModelVersionInput(
        id=ids.model_version(version.name, version.version), model_id=ids.model(version.name), version=str(version.version),
        algorithm=algorithm_of(run, version.tags)[:500], framework="mlflow", format="OPAQUE", status="CANDIDATE",
        artifact_uri=version.source, digest=digest, metrics=metrics or None,
        hyperparameters=dict(run.data.params) if run is not None and run.data.params else None,
        produced_by_run_id=ids.run(version.run_id) if run_synced and version.run_id else None,
        uploaded_by_id=None if run_synced else ids.principal(version.user_id or None),
        created_at=ms_time(version.creation_timestamp), tags=user_tags(version.tags or {}),
    )


def logged_model_item(ids: Ids, logged: Any, run: Any | None, digest: str | None, run_synced: bool) -> tuple[m.ModelInput, m.ModelVersionInput]:
    """A logged model no registered version points to: its own model, version = the model id."""
    model = m.ModelInput(id=f"{ids.base}:logged-models:{safe(logged.experiment_id)}:{safe(logged.name)}", name=logged.name[:500])
    metrics = {metric.key: metric.value for metric in logged.metrics or []}
    return model, m.ModelVersionInput(
        id=ids.logged_model(logged.model_id), model_id=model.id, version=logged.model_id, algorithm=algorithm_of(run, logged.tags)[:500],
        framework="mlflow", format="OPAQUE", status="CANDIDATE", artifact_uri=logged.artifact_location, digest=digest,
        metrics=metrics or None, hyperparameters=dict(logged.params) or None,
        produced_by_run_id=ids.run(logged.source_run_id) if run_synced and logged.source_run_id else None,
        uploaded_by_id=None if run_synced else ids.principal(None), created_at=ms_time(logged.creation_timestamp),
        tags=user_tags(logged.tags or {}),
    )


def _json(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return None
    return value
