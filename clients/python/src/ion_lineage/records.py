"""The typed ``record_*`` calls of ``LineageClient``, one per part of the ingest contract: each
encodes its item now and queues it (``_put``); scoring loops use ``run.record_prediction``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from . import models as m
from .wire import bundle_parts, dumps, encode_item


class TypedRecords:
    """Mixed into ``LineageClient``, which queues records (``_put``) and knows what is durable."""

    _durable: int

    def _put(self, part: str, payload: Any) -> int:
        raise NotImplementedError

    def record(self, part: str, items: Sequence[Any]) -> int:
        """Records items of one part (wire name, e.g. ``"predictions"``); returns a ticket for ``wait_durable``.

        Raises SpoolFullError or QueueFullError (nothing recorded) under backpressure.
        """
        if part not in m.PART_TYPES:
            raise ValueError(f"unknown part {part!r}; one of {', '.join(m.PARTS)}")
        lines = [encode_item(item) for item in items]
        ticket = self._durable
        for line in lines:
            ticket = self._put(part, line)
        return ticket

    def bundle(self, bundle: m.IngestBundleInput | dict[str, Any]) -> int:
        """Records a bundle: its parts are delivered together, in one transaction, or refused together."""
        parts = bundle_parts(bundle)
        count = sum(len(items) for items in parts.values())
        if count == 0:
            return self._durable
        return self._put("bundle", (dumps(parts), count))

    def record_principal(self, item: m.PrincipalInput) -> int:
        return self._put("principals", encode_item(item))

    def record_ion(self, item: m.IonInput) -> int:
        return self._put("ions", encode_item(item))

    def record_ion_instance(self, item: m.IonInstanceInput) -> int:
        return self._put("ionInstances", encode_item(item))

    def record_dataset(self, item: m.DatasetInput) -> int:
        return self._put("datasets", encode_item(item))

    def record_dataset_version(self, item: m.DatasetVersionInput) -> int:
        return self._put("datasetVersions", encode_item(item))

    def record_feature(self, item: m.FeatureInput) -> int:
        return self._put("features", encode_item(item))

    def record_model(self, item: m.ModelInput) -> int:
        return self._put("models", encode_item(item))

    def record_run(self, item: m.RunInput) -> int:
        return self._put("runs", encode_item(item))

    def record_stage(self, item: m.StageInput) -> int:
        return self._put("stages", encode_item(item))

    def record_model_version(self, item: m.ModelVersionInput) -> int:
        return self._put("modelVersions", encode_item(item))

    def record_approval(self, item: m.ApprovalInput) -> int:
        return self._put("approvals", encode_item(item))

    def record_deployment(self, item: m.DeploymentInput) -> int:
        return self._put("deployments", encode_item(item))

    def record_model_load(self, item: m.ModelLoadInput) -> int:
        return self._put("modelLoads", encode_item(item))

    def record_prediction(self, item: m.PredictionInput) -> int:
        """Records a typed prediction (encoded now; scoring loops use ``run.record_prediction``)."""
        return self._put("predictions", encode_item(item))

    def record_event(self, item: m.EventInput) -> int:
        return self._put("events", encode_item(item))

