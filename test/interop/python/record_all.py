"""Records one of every part of the ingest contract through the Python client's typed calls and
run context managers, plus one prediction the server must refuse, then prints a JSON summary.

Environment: LINEAGE_URL (the /graphql endpoint), LINEAGE_TOKEN, SPOOL_DIR, PREFIX (id prefix).
"""

import json
import os
from datetime import datetime, timedelta, timezone

import ion_lineage as il

url, token, spool, p = os.environ["LINEAGE_URL"], os.environ["LINEAGE_TOKEN"], os.environ["SPOOL_DIR"], os.environ["PREFIX"]
t0 = datetime(2026, 3, 4, 14, 0, tzinfo=timezone.utc)
letters = []

with il.LineageClient(url, spool, token=token, flush_interval=0.05, retry_min=0.02, retry_max=0.1, on_dead_letter=letters.append) as client:
    # Setup confirmed before going on: sent now, past the spool.
    setup = il.Bundle(
        principals=[il.PrincipalInput(id=f"{p}alice", name="Alice", kind="HUMAN", email="alice@example.org")],
        ions=[
            il.IonInput(
                id=f"{p}ion",
                name="ct triage",
                version="1",
                definition={
                    "nodes": [
                        {"id": f"{p}train", "name": "train", "role": "TRAINING"},
                        {"id": f"{p}score", "name": "score", "role": "INFERENCE"},
                    ],
                    "edges": [{"from": f"{p}train", "to": f"{p}score", "message": "MODEL"}],
                },
            )
        ],
    )
    first = client.ingest(setup)
    again = client.ingest(setup)

    client.record_ion_instance(il.IonInstanceInput(id=f"{p}instance", ion_id=f"{p}ion", started_at=t0, status="RUNNING"))
    client.record_dataset(il.DatasetInput(id=f"{p}labs", name="labs", classification="PHI", schema={"crp": "float"}))
    client.record_dataset_version(il.DatasetVersionInput(id=f"{p}labs@1", dataset_id=f"{p}labs", version="1", digest="sha256:ab", row_count=1200))
    client.record_feature(il.FeatureInput(id=f"{p}crp", name="crp", dtype="float", classification="PHI", derived_from_dataset_ids=[f"{p}labs"]))
    client.record_model(il.ModelInput(id=f"{p}model", name="triage"))

    with client.run(
        f"{p}train-1", pipeline_node_id=f"{p}train", kind="TRAINING", started_at=t0, params={"C": 1.0}, code_version="9b1e7d2",
        read_dataset_version_ids=[f"{p}labs@1"], used_feature_ids=[f"{p}crp"], instance_id=f"{p}instance", deferred=True,
    ) as train:
        fit = train.record_stage("fit", "TRAIN", stats={"rows": 1200})
        train.record_stage("evaluate", "EVALUATE", feeds=None)
        mv = train.record_model_version(f"{p}model", "1", "LogisticRegression", framework="scikit-learn", metrics={"auc": 0.91}, hyperparameters={"C": 1.0})

    client.record_approval(il.ApprovalInput(id=f"{p}approval", model_version_id=mv, ion_id=f"{p}ion", principal_id=f"{p}alice", decision="APPROVED", at=t0 + timedelta(hours=1)))
    client.record_deployment(il.DeploymentInput(id=f"{p}deploy", model_version_id=mv, pipeline_node_id=f"{p}score", role="PRIMARY", from_=t0 + timedelta(hours=2), approval_id=f"{p}approval"))

    with client.run(f"{p}score-1", pipeline_node_id=f"{p}score", kind="INFERENCE", started_at=t0 + timedelta(hours=3)) as run:
        run.load_model(mv, at=t0 + timedelta(hours=3))
        for i in range(50):
            run.record_prediction(f"req-{i}", f"patient-{i:04d}", "CT_SCAN" if i % 3 else "NO_SCAN", score=0.5 + i / 100, inputs={"crp": i * 1.5},
                                  attributions={"crp": 0.1 * i}, at=t0 + timedelta(hours=3, seconds=i))
        client.flush(timeout=100)  # the good ones first, so the refused one is isolated in a short batch
        run.record_prediction("req-bad", "patient-x", "CT_SCAN", model_version_ids=[f"{p}no-such-model"], at=t0 + timedelta(hours=4))
        run.record_event("WARNING", "slow feature store", details={"ms": 850})

    try:
        with client.run(f"{p}score-2", pipeline_node_id=f"{p}score", kind="INFERENCE", started_at=t0 + timedelta(hours=5)):
            raise RuntimeError("feature 'crp' missing")
    except RuntimeError:
        pass

    client.flush(timeout=100)
    stats = client.stats()

print(json.dumps({
    "first": first, "again": again, "stats": stats.__dict__,
    "deadLetters": [{"part": d.part, "id": d.item.get("id"), "code": d.code, "problems": d.problems} for d in letters],
}))
