"""Reads an MLflow tracking server and model registry and records them in ION Lineage.

Incremental: finished runs are read from a cursor (their ``end_time``), and a state file keeps
the ids already recorded, so a sync sends only what is new. Idempotent: every item is derived
from MLflow's own data (ids and contents), so sending one again changes nothing. What MLflow does
not keep (when an alias moved, and who moved it) is taken from the first sync that sees it and
kept in the state file. The state is saved only once the items are durable in the client's
spool, which delivers them even if this process dies.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .. import models as m
from ..client import LineageClient
from . import mapping as mp


@dataclass
class SyncResult:
    """What one sync recorded (new items only)."""

    runs: int = 0
    model_versions: int = 0
    logged_models: int = 0
    deployments: int = 0
    approvals: int = 0
    items: int = 0
    cursor: int = 0


def artifact_digest(tracking_uri: str, uri: str | None) -> str | None:
    """``sha256:`` over the model's files (relative path and content of each), or None if unreachable."""
    if not uri:
        return None
    import mlflow.artifacts

    try:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(mlflow.artifacts.download_artifacts(artifact_uri=uri, dst_path=tmp, tracking_uri=tracking_uri))
            files = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else [root]
            total = hashlib.sha256()
            for path in files:
                total.update(f"{path.relative_to(root) if root.is_dir() else path.name}\0".encode())
                total.update(hashlib.sha256(path.read_bytes()).digest())
            return f"sha256:{total.hexdigest()}"
    except Exception:  # noqa: BLE001 - an unreachable artifact store leaves the digest out, nothing else
        return None


def _pages(call: Any, **kwargs: Any) -> Iterator[Any]:
    token = None
    while True:
        page = call(page_token=token, **kwargs)
        yield from page
        token = page.token
        if not token:
            return


class _Sync:
    def __init__(self, tracking_uri: str, lineage: LineageClient, state_file: str, scope: str, digests: bool) -> None:
        from mlflow import MlflowClient

        self.mlflow = MlflowClient(tracking_uri=tracking_uri, registry_uri=tracking_uri)
        self.tracking_uri, self.lineage, self.state_file, self.digests = tracking_uri, lineage, state_file, digests
        self.ids = mp.Ids(scope)
        self.state: dict[str, Any] = {"cursor": 0, "sent": {}}
        if os.path.exists(state_file):
            with open(state_file) as f:
                self.state = json.load(f)
        self.sent: dict[str, Any] = self.state["sent"]
        self.result = SyncResult(cursor=self.state["cursor"])
        self.runs: dict[str, Any] = {}

    def _new(self, items: Iterable[Any]) -> list[Any]:
        return [item for item in items if item.id not in self.sent]

    def _record(self, parts: dict[str, list[Any]]) -> None:
        """One bundle of new items; their ids join the state once the bundle is durable."""
        parts = {part: items for part, items in parts.items() if items}
        if not parts:
            return
        self.lineage.bundle({part: list(items) for part, items in parts.items()})
        for items in parts.values():
            for item in items:
                self.sent[item.id] = True
        self.result.items += sum(len(items) for items in parts.values())

    def _run(self, run_id: str) -> Any | None:
        if run_id not in self.runs:
            try:
                self.runs[run_id] = self.mlflow.get_run(run_id)
            except Exception:  # noqa: BLE001 - a deleted run: the model version stands alone
                self.runs[run_id] = None
        return self.runs[run_id]

    def sync_runs(self) -> None:
        cursor = self.state["cursor"]
        experiments = list(_pages(self.mlflow.search_experiments, max_results=1000))
        for experiment in experiments:
            filter_string = f"attributes.end_time >= {cursor}" if cursor else ""
            for run in _pages(self.mlflow.search_runs, experiment_ids=[experiment.experiment_id], filter_string=filter_string, max_results=1000):
                info = run.info
                if info.status not in mp.RUN_STATUS or info.end_time is None:
                    continue  # a running run changes still; it is taken once it ends
                self.runs[info.run_id] = run
                self.result.cursor = max(self.result.cursor, info.end_time)
                if self.ids.run(info.run_id) in self.sent:
                    continue
                datasets = [mp.dataset_items(self.ids, d.dataset) for d in run.inputs.dataset_inputs] if run.inputs else []
                principals = [mp.principal(self.ids, info.user_id)] if info.user_id else []
                self._record({
                    "principals": self._new(principals),
                    "ions": self._new([mp.experiment_ion(self.ids, experiment.experiment_id, experiment.name)]),
                    "datasets": self._new({d.id: d for d, _ in datasets}.values()),
                    "datasetVersions": self._new({v.id: v for _, v in datasets}.values()),
                    "runs": [mp.run_item(self.ids, run, list(dict.fromkeys(v.id for _, v in datasets)))],
                })
                self.result.runs += 1

    def sync_registry(self) -> set[str]:
        registered_model_ids: set[str] = set()
        for model in _pages(self.mlflow.search_registered_models, max_results=1000):
            name = model.name
            versions = list(_pages(self.mlflow.search_model_versions, filter_string=f"name='{name}'", max_results=1000))
            registry_principal = mp.principal(self.ids, None)
            parts: dict[str, list[Any]] = {
                "principals": self._new([registry_principal]),
                "ions": self._new([mp.registry_ion(self.ids, name)]),
                "models": self._new([m.ModelInput(id=self.ids.model(name), name=name[:500], description=(model.description or None) and model.description[:16000])]),
                "modelVersions": [], "approvals": [], "deployments": [],
            }
            by_version = {str(v.version): v for v in versions}
            for version in versions:
                source = version.source or ""
                registered_model_ids.add(getattr(version, "model_id", None) or (source[len("models:/"):] if source.startswith("models:/") else ""))
                if self.ids.model_version(name, version.version) in self.sent:
                    continue
                run = self._run(version.run_id) if version.run_id else None
                run_synced = version.run_id is not None and self.ids.run(version.run_id) in self.sent
                digest = artifact_digest(self.tracking_uri, version.source) if self.digests else None
                parts["modelVersions"].append(mp.model_version_item(self.ids, version, run, digest, run_synced))
                if not run_synced:
                    parts["principals"] += self._new([mp.principal(self.ids, version.user_id or None)])
                self.result.model_versions += 1
            # Stages (deprecated in MLflow, still used): the transition time is the version's last update.
            serving = [(f"stage:{v.current_stage}", str(v.version), mp.STAGE_ROLES[v.current_stage], mp.ms_time(v.last_updated_timestamp or v.creation_timestamp) or "")
                       for v in versions if v.current_stage in mp.STAGE_ROLES]
            # Aliases: MLflow keeps no history; the first sync that sees an alias on a version dates it.
            observed = datetime.now(timezone.utc).isoformat(timespec="milliseconds")
            serving += [(f"alias:{alias}", str(v), mp.ALIAS_ROLES[alias.lower()], observed)
                        for alias, v in (model.aliases or {}).items() if alias.lower() in mp.ALIAS_ROLES]
            for how, number, role, at in serving:
                deployment_id = f"{self.ids.model_version(name, number)}:{mp.safe(how)}"
                if deployment_id in self.sent or number not in by_version:
                    continue
                version = by_version[number]
                approval_id = None
                if role == "PRIMARY":
                    # Promotion to production is the registry's approval: by who the version's tags name, else its owner.
                    who = version.tags.get("approved_by") or version.user_id or None
                    parts["principals"] += self._new([mp.principal(self.ids, who)])
                    approval_id = f"{deployment_id}:approval"
                    parts["approvals"].append(m.ApprovalInput(
                        id=approval_id, model_version_id=self.ids.model_version(name, number), ion_id=self.ids.registry_ion(name),
                        principal_id=self.ids.principal(who), decision="APPROVED", at=at, comment=f"MLflow {how.replace(':', ' ')} → version {number}",
                    ))
                    self.result.approvals += 1
                parts["deployments"].append(m.DeploymentInput(
                    id=deployment_id, model_version_id=self.ids.model_version(name, number), pipeline_node_id=self.ids.serving_node(name),
                    role=role, from_=at, approval_id=approval_id,
                ))
                self.result.deployments += 1
            parts["principals"] = list({p.id: p for p in parts["principals"]}.values())
            self._record(parts)
        return registered_model_ids

    def sync_logged_models(self, registered: set[str]) -> None:
        experiment_ids = [e.experiment_id for e in _pages(self.mlflow.search_experiments, max_results=1000)]
        if not experiment_ids or not hasattr(self.mlflow, "search_logged_models"):
            return
        for logged in _pages(self.mlflow.search_logged_models, experiment_ids=experiment_ids, max_results=100):
            if logged.model_id in registered or self.ids.logged_model(logged.model_id) in self.sent:
                continue
            run = self._run(logged.source_run_id) if logged.source_run_id else None
            run_synced = logged.source_run_id is not None and self.ids.run(logged.source_run_id) in self.sent
            digest = artifact_digest(self.tracking_uri, logged.artifact_location) if self.digests else None
            model, version = mp.logged_model_item(self.ids, logged, run, digest, run_synced)
            self._record({"principals": [] if run_synced else self._new([mp.principal(self.ids, None)]), "models": self._new([model]), "modelVersions": [version]})
            self.result.logged_models += 1

    def save(self) -> None:
        self.lineage.wait_durable()
        self.state["cursor"] = self.result.cursor
        tmp = f"{self.state_file}.tmp"
        with open(tmp, "w") as f:
            json.dump(self.state, f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.state_file)


def sync(tracking_uri: str, lineage: LineageClient, *, state_file: str, scope: str = "default", artifact_digests: bool = True) -> SyncResult:
    """Records what is new on the MLflow server since the last sync with this ``state_file``."""
    job = _Sync(tracking_uri, lineage, state_file, scope, artifact_digests)
    job.sync_runs()
    registered = job.sync_registry()
    job.sync_logged_models(registered)
    job.save()
    return job.result


__all__ = ["SyncResult", "artifact_digest", "sync"]
