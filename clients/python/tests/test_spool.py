"""The spool on its own and with a server that is away or refuses: durability across processes,
backpressure, the directory lock, dead letters for refused records only."""

import json
import time

import pytest

import ion_lineage as il
from fake_service import FakeService, serve
from ion_lineage.rawrows import wire_items

UNREACHABLE = "http://127.0.0.1:9/graphql"  # discard port: connection refused, a transient error


def prediction(i: int, model: str = "mv") -> il.PredictionInput:
    return il.PredictionInput(id=f"p{i}", run_id="r", request_id=f"q{i}", subject_key="s", at="2026-03-04T14:00:00Z", output="o",
                              model_version_ids=[model])


def test_records_are_durable_and_survive_the_client(tmp_path):
    retries = []
    client = il.LineageClient(UNREACHABLE, tmp_path, retry_min=0.01, retry_max=0.02, flush_interval=0.01,
                              on_retry=lambda e, n: retries.append(e.code))
    for i in range(300):
        client.record_prediction(prediction(i))
    assert client.wait_durable(timeout=10)
    deadline = time.monotonic() + 20
    while not retries and time.monotonic() < deadline:  # the sender process has tried the server
        time.sleep(0.02)
    assert client.close(timeout=0.3) == 300
    assert retries and set(retries) == {"NETWORK"}
    reopened = il.LineageClient(UNREACHABLE, tmp_path, retry_min=5)
    assert reopened.stats().spooled == 300
    assert reopened.close(timeout=0) == 300


def test_one_process_per_spool_directory(tmp_path):
    client = il.LineageClient(UNREACHABLE, tmp_path, retry_min=5)
    with pytest.raises(il.SpoolLockedError):
        il.LineageClient(UNREACHABLE, tmp_path)
    client.close(timeout=0)
    il.LineageClient(UNREACHABLE, tmp_path, retry_min=5).close(timeout=0)


def test_a_full_spool_refuses_records_and_records_nothing(tmp_path):
    client = il.LineageClient(UNREACHABLE, tmp_path, max_spool_bytes=2_000, retry_min=5)
    recorded = 0
    with pytest.raises(il.SpoolFullError):
        for i in range(100):
            client.record_prediction(prediction(i))
            recorded += 1
    assert 0 < recorded < 100
    client.wait_durable(timeout=10)
    assert client.close(timeout=0) == recorded


def test_a_closed_client_takes_no_records(tmp_path):
    client = il.LineageClient(UNREACHABLE, tmp_path, retry_min=5)
    client.close(timeout=0)
    with pytest.raises(il.ClientClosedError):
        client.record_prediction(prediction(1))


class RefusingServer(FakeService):
    """Answers like the service: a batch naming model 'bad' is refused whole, others confirmed."""

    seen: list = []

    def do_POST(self):
        items = self.bundle().get("predictions", [])
        RefusingServer.seen.append((self.headers.get("authorization"), len(items)))
        bad = [i for i, item in enumerate(items) if item["modelVersionIds"] == ["bad"]]
        if bad:
            answer = {"errors": [{"message": "unknown ModelVersion", "extensions": {"code": "BAD_USER_INPUT",
                                  "problems": [{"path": f"predictions[{bad[0]}].modelVersionIds[0]", "message": "unknown ModelVersion 'bad'"}]}}]}
        else:
            answer = {"data": {"ingest": {"predictions": {"created": len(items), "unchanged": 0}}}}
        self.answer(answer)


def test_a_refused_record_is_isolated_and_dead_lettered_while_the_others_are_delivered(tmp_path):
    server, url = serve(RefusingServer)
    try:
        letters = []
        with il.LineageClient(url, tmp_path, token=lambda: "t0k", flush_interval=0.01, on_dead_letter=letters.append) as client:
            for i in range(64):
                client.record_prediction(prediction(i, "bad" if i == 37 else "mv"))
            assert client.flush(timeout=30)
            client.record_prediction(prediction(99, "bad"))  # alone in its spool row
            assert client.flush(timeout=30)
            stats = client.stats()
            assert [letter.item["id"] for letter in client.dead_letters()] == ["p37", "p99"]
        assert stats.created == 63 and stats.dead_lettered == 2 and stats.spooled == 0
        assert letters[0].code == "BAD_USER_INPUT" and letters[0].problems[0]["path"] == "predictions[0].modelVersionIds[0]"
        assert {auth for auth, _ in RefusingServer.seen} == {"Bearer t0k"}
    finally:
        server.shutdown()


def test_a_run_records_its_start_and_how_it_ended(tmp_path):
    client = il.LineageClient(UNREACHABLE, tmp_path, retry_min=5)
    with pytest.raises(KeyError):
        with client.run("r1", pipeline_node_id="n", kind="INFERENCE", model_version_ids=["mv"]) as run:
            assert il.current_run() is run
            run.record_prediction("q1", "s1", "yes", score=0.9, attributions={"f": 0.2})
            raise KeyError("boom")
    with pytest.raises(LookupError):
        il.current_run()

    @client.recorded_run(pipeline_node_id="n", kind="TRAINING", run_id=lambda: "r2", deferred=True)
    def train():
        il.current_run().record_model_version("m", "1", "LogisticRegression")
        return 42

    assert train() == 42
    client.wait_durable(timeout=10)
    client.close(timeout=0)
    import sqlite3

    db = sqlite3.connect(tmp_path / "spool.sqlite3")
    rows = [(part, wire_items(body) if isinstance(body, bytes) else json.loads(body)) for part, body in db.execute("SELECT part, body FROM records ORDER BY seq")]
    assert [part for part, _ in rows] == ["runs", "predictions", "events", "bundle"]
    # A row holds consecutive items of one part (a JSON array); a bundle is a row of its own.
    rows = [(part, body if part == "bundle" else body[0]) for part, body in rows]
    assert rows[0][1]["status"] == "RUNNING" and rows[1][1]["id"] == "r1:q1" and rows[1][1]["modelVersionIds"] == ["mv"]
    assert rows[2][1]["type"] == "ERROR" and "KeyError" in rows[2][1]["message"]
    bundle = rows[3][1]
    assert bundle["runs"][0]["status"] == "COMPLETED" and bundle["modelVersions"][0]["producedByRunId"] == "r2"


def test_the_spool_is_private_to_the_pipeline_user(tmp_path):
    import os
    import stat

    directory = tmp_path / "spool"
    client = il.LineageClient(UNREACHABLE, directory, retry_min=5)
    client.record_prediction(prediction(1))
    client.wait_durable(timeout=10)
    for name in ("spool.sqlite3", "spool.sqlite3-wal", "lock"):
        assert stat.S_IMODE(os.stat(directory / name).st_mode) & 0o077 == 0, name
    assert stat.S_IMODE(os.stat(directory).st_mode) == 0o700
    client.close(timeout=0)
