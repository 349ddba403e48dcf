"""Overhead of recording predictions on a 1 ms scoring loop.

Each prediction takes 1 ms of CPU-bound model work (fixed work calibrated to 1 ms on an idle
core, so a busy machine stretches it and the client alike). Rounds with and without
``run.record_prediction(...)`` alternate, so drift hits both; the figures are the median ratio of
each recording round to the baseline round just before it (``pairedRatio``), the ratio of the
medians, the process CPU ratio (which includes the client's writer and sender threads) and the
time of one ``record_prediction`` call. With ``--url`` the client delivers to a real server
meanwhile; without it, the records only go to the spool (the server is unreachable).

``python overhead.py [--url http://127.0.0.1:4000/graphql --token T] [--rounds 20 --per-round 250]``
Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from datetime import datetime, timezone

import ion_lineage as il

sink = 0


def spin(steps: int) -> None:
    global sink
    x = sink
    for i in range(steps):
        x = (x * 31 + i) & 0xFFFFFFFF
    sink = x


def calibrate(ms: float) -> int:
    trial, best = 20_000, float("inf")
    for _ in range(30):
        started = time.perf_counter()
        spin(trial)
        best = min(best, time.perf_counter() - started)
    return round(trial * ms / 1000 / best)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:9/graphql")
    parser.add_argument("--token")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--per-round", type=int, default=250)
    parser.add_argument("--commit-interval", type=float, default=None, help="the client's commit_interval (default: its own)")
    parser.add_argument("--prefix", default=f"bench-{int(time.time())}-")
    args = parser.parse_args()
    steps = calibrate(1.0)
    p = args.prefix
    delivering = not args.url.startswith("http://127.0.0.1:9/")
    with tempfile.TemporaryDirectory() as spool, il.LineageClient(
        args.url, spool, token=args.token, retry_min=1.0, **({} if args.commit_interval is None else {"commit_interval": args.commit_interval})
    ) as client:
        if delivering:
            client.ingest(il.Bundle(
                ions=[il.IonInput(id=f"{p}ion", name="bench", version="1", definition={"nodes": [{"id": f"{p}score", "name": "score", "role": "INFERENCE"}], "edges": []})],
                models=[il.ModelInput(id=f"{p}model", name="bench")],
                model_versions=[il.ModelVersionInput(id=f"{p}mv", model_id=f"{p}model", version="1", algorithm="GBM", format="OPAQUE", status="APPROVED")],
            ))
        inputs = {f"feature_{k}": k * 1.5 for k in range(12)}
        attributions = {f"feature_{k}": 0.01 * k for k in range(5)}
        base, recording, cpu_base, cpu_recording, calls = [], [], [], [], []
        with client.run(f"{p}run", pipeline_node_id=f"{p}score", kind="INFERENCE", model_version_ids=[f"{p}mv"]) as run:
            n = 0
            for _ in range(args.rounds):
                for record in (False, True):
                    wall, cpu = time.perf_counter(), time.process_time()
                    for _ in range(args.per_round):
                        spin(steps)
                        if record:
                            n += 1
                            t = time.perf_counter_ns()
                            run.record_prediction(f"req-{n}", f"subject-{n % 5000}", "CT_SCAN", score=0.73, inputs=inputs,
                                                  attributions=attributions, at=datetime.now(timezone.utc))
                            calls.append(time.perf_counter_ns() - t)
                    (recording if record else base).append(time.perf_counter() - wall)
                    (cpu_recording if record else cpu_base).append(time.process_time() - cpu)
        delivered = client.flush(timeout=120) if delivering else None
        stats = client.stats()
    print(json.dumps({
        "bench": "python-client-overhead",
        "delivering": delivering,
        "delivered": delivered,
        "predictions": n,
        "scoreMsPerPrediction": round(statistics.median(base) / args.per_round * 1000, 3),
        "pairedRatio": round(statistics.median(r / b for r, b in zip(recording, base)), 4),
        "medianRatio": round(statistics.median(recording) / statistics.median(base), 4),
        "cpuRatio": round(statistics.median(cpu_recording) / statistics.median(cpu_base), 4),
        "recordCallUs": {"p50": round(statistics.median(calls) / 1000, 2), "p99": round(statistics.quantiles(calls, n=100)[98] / 1000, 2)},
        "created": stats.created,
        "commitInterval": client.commit_interval,
    }))


if __name__ == "__main__":
    main()
