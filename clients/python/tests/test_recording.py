"""The scoring-loop path: ``run.record_prediction`` queues a raw tuple and the writer thread builds,
encodes and commits in batches. Bad arguments fail at the call, naming them; values JSON cannot
hold become dead letters naming the field; durability barriers commit at once."""

import json
import math
import sqlite3
import threading
import time
from datetime import datetime, timezone

import pytest

import ion_lineage as il
from ion_lineage.rawrows import wire_items

UNREACHABLE = "http://127.0.0.1:9/graphql"


def spooled(directory) -> list[tuple[str, dict]]:
    """Every item in the spool, in order, read past the client (as after a crash); predictions
    still raw (not yet made JSON by the sender process) in their wire form."""
    db = sqlite3.connect(directory / "spool.sqlite3")
    try:
        out: list[tuple[str, dict]] = []
        for part, body in db.execute("SELECT part, body FROM records ORDER BY seq"):
            value = wire_items(body) if isinstance(body, bytes) else json.loads(body)
            out.extend((part, item) for item in (value if isinstance(value, list) else [value]))
        return out
    finally:
        db.close()


def client(tmp_path, **options) -> il.LineageClient:
    return il.LineageClient(UNREACHABLE, tmp_path, retry_min=5, **options)


@pytest.mark.parametrize(
    ("arguments", "error", "field"),
    [
        ({"request_id": 7}, TypeError, "request_id"),
        ({"subject_key": None}, TypeError, "subject_key"),
        ({"output": b"yes"}, TypeError, "output"),
        ({"score": math.nan}, ValueError, "score"),
        ({"score": math.inf}, ValueError, "score"),
        ({"score": "0.9"}, TypeError, "score"),
        ({"score": True}, TypeError, "score"),
        ({"inputs": [1, 2]}, TypeError, "inputs"),
        ({"attributions": "crp"}, TypeError, "attributions"),
        ({"model_version_ids": "mv"}, TypeError, "model_version_ids"),
        ({"model_version_ids": ["mv", 3]}, TypeError, "model_version_ids"),
        ({"at": datetime(2026, 3, 4, 14, 0)}, ValueError, "at"),
        ({"at": 1_700_000_000}, TypeError, "at"),
        ({"id": 12}, TypeError, "id"),
    ],
)
def test_a_bad_argument_raises_at_the_call_naming_it_and_records_nothing(tmp_path, arguments, error, field):
    c = client(tmp_path)
    with c.run("r", pipeline_node_id="n", kind="INFERENCE", model_version_ids=["mv"]) as run:
        call = {"request_id": "q1", "subject_key": "s1", "output": "yes", **arguments}
        c.wait_durable()  # the run's own record
        with pytest.raises(error, match=rf"\b{field}\b"):
            run.record_prediction(call.pop("request_id"), call.pop("subject_key"), call.pop("output"), **call)
        assert c.stats().queued == 0
    assert [part for part, _ in spooled(tmp_path)] == ["runs", "events"]
    c.close(timeout=0)


def until(condition, timeout: float = 20.0):
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)
    return value


def test_a_value_json_cannot_hold_becomes_a_dead_letter_naming_the_field(tmp_path):
    letters = []
    # The sender process finds NaN and infinities when it makes the raw rows JSON, before sending
    # (here: before its first attempt at the unreachable server); the writer finds an object
    # marshal cannot hold either.
    c = client(tmp_path, on_dead_letter=letters.append, flush_interval=0.01)
    with c.run("r", pipeline_node_id="n", kind="INFERENCE", model_version_ids=["mv"]) as run:
        run.record_prediction("q1", "s1", "yes", inputs={"crp": 1.5})
        run.record_prediction("q2", "s2", "yes", inputs={"crp": math.nan, "age": 40})
        run.record_prediction("q3", "s3", "yes", inputs={"crp": 2.0, "scan": object()}, attributions={"crp": 0.1})
        run.record_prediction("q4", "s4", "no", attributions={"crp": math.inf})
        run.record_prediction("q5", "s5", "no", score=0.2)
    until(lambda: len(letters) == 3)
    stored = sorted(c.dead_letters(), key=lambda x: x.item["id"])
    letters.sort(key=lambda x: x.item["id"])
    c.close(timeout=0)
    assert [i["id"] for p, i in spooled(tmp_path) if p == "predictions"] == ["r:q1", "r:q5"]
    assert [(x.item["id"], x.code, [p["path"] for p in x.problems]) for x in stored] == [
        ("r:q2", "BAD_USER_INPUT", ["predictions[0].inputs.crp"]),
        ("r:q3", "BAD_USER_INPUT", ["predictions[0].inputs.scan"]),
        ("r:q4", "BAD_USER_INPUT", ["predictions[0].attributions[0].contribution"]),
    ]
    assert "inputs.crp" in stored[0].message and [x.item["id"] for x in letters] == ["r:q2", "r:q3", "r:q4"]


def test_the_call_takes_the_time_and_a_copy_of_inputs_the_writer_encodes_later(tmp_path):
    c = client(tmp_path, commit_interval=0.5)
    inputs = {"crp": 1.0}
    with c.run("r", pipeline_node_id="n", kind="INFERENCE", model_version_ids=["mv"]) as run:
        before = datetime.now(timezone.utc)
        run.record_prediction("q1", "s1", "yes", inputs=inputs)
        after = datetime.now(timezone.utc)
        inputs["crp"] = 99.0  # the caller reuses its dict before the writer encodes
        run.load_model("mv2")  # later predictions name mv2 too, earlier ones do not
        run.record_prediction("q2", "s2", "yes", inputs=inputs)
    c.close(timeout=0)
    first, second = [i for p, i in spooled(tmp_path) if p == "predictions"]
    assert before <= datetime.fromisoformat(first["at"]) <= after
    assert first["inputs"] == {"crp": 1.0} and second["inputs"] == {"crp": 99.0}
    assert first["modelVersionIds"] == ["mv"] and second["modelVersionIds"] == ["mv", "mv2"]
    assert first["id"] == "r:q1" and first["runId"] == "r" and "score" not in first


def test_consecutive_predictions_share_a_spool_row(tmp_path):
    c = client(tmp_path, commit_interval=0.2)
    with c.run("r", pipeline_node_id="n", kind="INFERENCE", model_version_ids=["mv"]) as run:
        for i in range(50):
            run.record_prediction(f"q{i}", "s", "yes", score=i / 50)
    c.close(timeout=0)
    db = sqlite3.connect(tmp_path / "spool.sqlite3")
    rows = [(part, items) for part, items in db.execute("SELECT part, items FROM records ORDER BY seq")]
    db.close()
    assert rows == [("runs", 1), ("predictions", 50), ("events", 1)]


def test_barriers_commit_at_once_and_a_record_counts_only_after_one(tmp_path):
    c = client(tmp_path, commit_interval=3600)  # the writer would wait an hour on its own
    with c.run("r", pipeline_node_id="n", kind="INFERENCE", model_version_ids=["mv"]) as run:
        run.record_prediction("q1", "s", "yes")
        time.sleep(0.2)
        assert [i.get("id") for p, i in spooled(tmp_path) if p == "predictions"] == []  # only in memory
        started = time.monotonic()
        run.record_prediction("q2", "s", "yes", durable=True)
        assert [i["id"] for p, i in spooled(tmp_path) if p == "predictions"] == ["r:q1", "r:q2"]
        ticket = run.record_prediction("q3", "s", "yes")
        assert c.wait_durable(ticket, timeout=10)
        run.record_prediction("q4", "s", "yes")
    # Leaving the block is a barrier too.
    assert [i["id"] for p, i in spooled(tmp_path) if p == "predictions"] == ["r:q1", "r:q2", "r:q3", "r:q4"]
    assert time.monotonic() - started < 5
    c.close(timeout=0)


def test_records_from_many_threads_are_each_spooled_once(tmp_path):
    c = client(tmp_path, commit_interval=0.001)

    with c.run("r", pipeline_node_id="n", kind="INFERENCE", model_version_ids=["mv"]) as run:

        def score(thread: int) -> None:
            for i in range(500):
                ticket = run.record_prediction(f"t{thread}-q{i}", "s", "yes")
                if i % 100 == 99:
                    assert c.wait_durable(ticket, timeout=10)

        threads = [threading.Thread(target=score, args=(t,)) for t in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    c.close(timeout=0)
    ids = [i["id"] for p, i in spooled(tmp_path) if p == "predictions"]
    assert len(ids) == 2000 and len(set(ids)) == 2000


@pytest.mark.parametrize(
    "raw",
    [
        ("r", "q1", "s1", "yes", 0.73, {"crp": 1.5, "n": 3, "tags": ["a", None]}, {"crp": 0.1, "age": -2}, ("mv",), 1_772_632_800_123_456_789, None),
        ("r", "q\"2\\", "Zoë 🙂", "نعم", 1, None, (("f", 0.5),), ("mv", "mv2"), "2026-03-04T14:00:00Z", "custom-id"),
        ("r", "q3", "s", "no", None, {}, {}, (), datetime(2026, 3, 4, 14, 0, 0, 5, tzinfo=timezone.utc), None),
        ("r", "q4", "s", "no", 1e-7, {"x": 1e300}, {"f": 5}, ("m",), 0, None),
    ],
)
def test_prediction_text_is_the_json_of_the_wire_form(raw):
    from ion_lineage.batching import UtcText, prediction_text, prediction_wire
    from ion_lineage.wire import dumps

    assert prediction_text(raw, UtcText()) == dumps(prediction_wire(raw, UtcText()))
    assert json.loads(prediction_text(raw, UtcText()))["runId"] == "r"


def test_a_circular_input_is_a_dead_letter_and_the_writer_goes_on(tmp_path):
    c = client(tmp_path, flush_interval=0.01)
    loop: dict = {}
    loop["self"] = loop
    with c.run("r", pipeline_node_id="n", kind="INFERENCE", model_version_ids=["mv"]) as run:
        run.record_prediction("q1", "s", "yes", inputs={"nested": loop})
        run.record_prediction("q2", "s", "yes")
    letters = until(c.dead_letters)
    c.close(timeout=0)
    assert [i["id"] for p, i in spooled(tmp_path) if p == "predictions"] == ["r:q2"]
    assert len(letters) == 1 and letters[0].problems[0]["path"].startswith("predictions[0].inputs.nested")


def test_a_normal_exit_without_close_still_commits_what_was_queued(tmp_path):
    import subprocess
    import sys

    script = (
        "import ion_lineage as il, sys\n"
        "c = il.LineageClient('http://127.0.0.1:9/graphql', sys.argv[1], retry_min=5, commit_interval=3600)\n"
        "run = il.RunRecorder(c, 'r', pipeline_node_id='n', kind='INFERENCE', model_version_ids=['mv'])\n"
        "for i in range(100):\n"
        "    run.record_prediction(f'q{i}', 's', 'yes')\n"
    )
    subprocess.run([sys.executable, "-c", script, str(tmp_path)], check=True, timeout=60)
    assert len([i for p, i in spooled(tmp_path) if p == "predictions"]) == 100
