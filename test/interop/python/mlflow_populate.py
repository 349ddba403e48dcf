"""Populates a real MLflow tracking server with real MLflow calls, for the bridge's test.

PHASE=1: an experiment, a scikit-learn model trained with autologging on an ``mlflow.data``
dataset input, registered as version 1 of "ct-triage", the alias "champion" on it, approved by a
named reviewer (version tag). PHASE=2: a second run, version 2, and "champion" moved to it.
Prints the run id of the phase as JSON. Environment: MLFLOW_TRACKING_URI, PHASE.
"""

import json
import os

import mlflow
import mlflow.data
from mlflow import MlflowClient
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression

phase = int(os.environ["PHASE"])
client = MlflowClient()
experiment = mlflow.set_experiment("ct-triage")
mlflow.sklearn.autolog(log_datasets=False, silent=True)
frame = load_iris(as_frame=True).frame
dataset = mlflow.data.from_pandas(frame, name="iris-train", targets="target")

with mlflow.start_run(run_name=f"train-{phase}") as run:
    mlflow.set_tag("mlflow.source.git.commit", f"9b1e7d2{phase:033d}")
    mlflow.set_tag("team", "triage")
    mlflow.log_input(dataset, context="training")
    LogisticRegression(C=1.0 / phase, max_iter=300).fit(frame.drop(columns="target"), frame["target"])

logged = client.search_logged_models(experiment_ids=[experiment.experiment_id], filter_string=f"source_run_id='{run.info.run_id}'")
version = mlflow.register_model(f"models:/{logged[0].model_id}", "ct-triage")
client.set_model_version_tag("ct-triage", version.version, "approved_by", "dr.chen")
client.set_registered_model_alias("ct-triage", "champion", version.version)
print(json.dumps({"runId": run.info.run_id, "version": version.version, "modelId": logged[0].model_id}))
