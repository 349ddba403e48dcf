"""The MLflow bridge: ``sync`` reads an MLflow tracking server and model registry into ION Lineage
(needs the ``mlflow`` extra: ``pip install 'ion-lineage[mlflow]'``). CLI: ``ion-lineage-mlflow sync``."""

from .sync import SyncResult, artifact_digest, sync

__all__ = ["SyncResult", "artifact_digest", "sync"]
