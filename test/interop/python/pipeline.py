"""A scoring pipeline for the kill -9 test: it records every prediction through the Python client
and, like a consumer committing a queue offset, saves its input position (the checkpoint) only
once the client says the records before it are durable. After a crash it resumes there, so a
few predictions are recorded twice, which the server stores once (ids are idempotency keys).
One JSON line of progress per checkpoint goes to stdout.

Environment: LINEAGE_URL, LINEAGE_TOKEN, SPOOL_DIR, CHECKPOINT (a file), PREFIX, REQUESTS,
PACE (seconds of scoring work per 100 predictions, spread over them, so records are always
waiting in memory for the writer), COMMIT_INTERVAL (the client's), HOLD_AT (record predictions
up to this position, report, and wait there to be killed: the records since the last checkpoint
are then only in memory).
"""

import json
import os
import sys
import time
from datetime import datetime, timedelta, timezone

import ion_lineage as il

env = os.environ
p, total, pace, checkpoint_file = env["PREFIX"], int(env["REQUESTS"]), float(env.get("PACE", "0")), env["CHECKPOINT"]
t0 = datetime(2026, 3, 4, 14, 0, tzinfo=timezone.utc)
hold_at = int(env.get("HOLD_AT", "-1"))
client = il.LineageClient(env["LINEAGE_URL"], env["SPOOL_DIR"], token=env["LINEAGE_TOKEN"], batch_size=200, flush_interval=0.2, retry_max=1.0,
                          commit_interval=float(env.get("COMMIT_INTERVAL", "0.02")))


def read_checkpoint() -> int:
    try:
        with open(checkpoint_file) as f:
            return int(f.read())
    except FileNotFoundError:
        return -1


def save_checkpoint(position: int) -> None:
    with open(checkpoint_file + ".tmp", "w") as f:
        f.write(str(position))
    os.replace(checkpoint_file + ".tmp", checkpoint_file)


def report(recorded: int, **extra: object) -> None:
    stats = client.stats()
    print(json.dumps({"recorded": recorded, "created": stats.created, "spooled": stats.spooled, "queued": stats.queued, **extra}), flush=True)


position = read_checkpoint()
report(max(position, 0), resumedFrom=position)
if position < 0:
    client.bundle(il.Bundle(
        ions=[il.IonInput(id=f"{p}ion", name="scoring", version="1", definition={"nodes": [{"id": f"{p}score", "name": "score", "role": "INFERENCE"}], "edges": []})],
        models=[il.ModelInput(id=f"{p}model", name="scorer")],
        model_versions=[il.ModelVersionInput(id=f"{p}mv", model_id=f"{p}model", version="1", algorithm="LogisticRegression", format="OPAQUE", status="APPROVED")],
    ))
    client.wait_durable()
    position = 0
    save_checkpoint(position)

with client.run(f"{p}run", pipeline_node_id=f"{p}score", kind="INFERENCE", started_at=t0, host="scorer-1", model_version_ids=[f"{p}mv"]) as run:
    for i in range(position, total):
        run.record_prediction(f"req-{i}", f"patient-{i % 997:04d}", "CT_SCAN" if i % 3 else "NO_SCAN", score=(i % 100) / 100,
                              inputs={"crp": i % 50, "age": 30 + i % 60}, at=t0 + timedelta(seconds=i))
        if i + 1 == hold_at:
            report(i + 1, holding=True, checkpoint=read_checkpoint())
            time.sleep(3600)
        if (i + 1) % 100 == 0:
            client.wait_durable()
            save_checkpoint(i + 1)
            report(i + 1)
        time.sleep(pace / 100)
client.wait_durable()
save_checkpoint(total)
remaining = client.close(timeout=300)
report(total, done=True, remaining=remaining)
sys.exit(0 if remaining == 0 else 1)
