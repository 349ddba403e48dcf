"""The sender process: it holds no secret where other users can see it, ends with its client
(even after ``kill -9``) once it has synced what the client committed, is started again when it
dies, and a restarted client takes over what a dead one left."""

import os
import signal
import subprocess
import sys
import time

import ion_lineage as il
from fake_service import FakeService
from fake_service import serve as serve_fake

UNREACHABLE = "http://127.0.0.1:9/graphql"


class Accepting(FakeService):
    """Confirms every delivery like the service, keeping the ids and authorization it saw."""

    ids: list = []
    tokens: list = []

    def do_POST(self):
        bundle = self.bundle()
        Accepting.ids.extend(item["id"] for item in bundle.get("predictions", []))
        Accepting.tokens.append(self.headers.get("authorization"))
        self.answer({"data": {"ingest": {part: {"created": len(items), "unchanged": 0} for part, items in bundle.items()}}})


def serve():
    Accepting.ids, Accepting.tokens = [], []
    return serve_fake(Accepting)


def until(condition, timeout=30.0):
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)
    return value


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    with open(f"/proc/{pid}/stat") as f:  # a zombie of a parent that is gone counts as ended
        return f.read().split(")")[-1].split()[0] == "Z"


def test_the_token_is_never_on_the_sender_process_command_line_or_environment(tmp_path):
    secret = "s3cr3t-token-value"
    client = il.LineageClient(UNREACHABLE, tmp_path, token=secret, retry_min=5)
    try:
        pid = client._link.process.pid
        for name in ("cmdline", "environ"):
            with open(f"/proc/{pid}/{name}", "rb") as f:
                assert secret.encode() not in f.read(), name
    finally:
        client.close(timeout=0)


def test_a_callable_token_is_asked_for_each_delivery(tmp_path):
    server, url = serve()
    issued = iter(f"token-{i}" for i in range(1000))
    try:
        with il.LineageClient(url, tmp_path, token=lambda: next(issued), flush_interval=0.01) as client:
            with client.run("r", pipeline_node_id="n", kind="INFERENCE", model_version_ids=["mv"]) as run:
                run.record_prediction("q1", "s", "yes")
            assert client.flush(timeout=30)
            with client.run("r2", pipeline_node_id="n", kind="INFERENCE", model_version_ids=["mv"]) as run:
                run.record_prediction("q2", "s", "yes")
            assert client.flush(timeout=30)
        assert len(Accepting.tokens) >= 2 and len(set(Accepting.tokens)) == len(Accepting.tokens)
        assert all(t.startswith("Bearer token-") for t in Accepting.tokens)
    finally:
        server.shutdown()


def test_the_pipeline_hands_raw_predictions_over_and_the_sender_spools_and_sends_them_as_json(tmp_path):
    import sqlite3
    import threading

    server, url = serve()
    try:
        client = il.LineageClient(url, tmp_path, flush_interval=3600)
        with client.run("r", pipeline_node_id="n", kind="INFERENCE", model_version_ids=["mv"]) as run:
            for i in range(20):
                run.record_prediction(f"q{i}", "s", "yes", score=0.5, inputs={"crp": i})
        # No thread of the pipeline's process writes the spool: it has the idle hand-over thread
        # and the sender link's reader, and no SQLite connection but the one that reads its depth.
        names = {t.name for t in threading.enumerate() if t.name.startswith("ion-lineage")}
        assert names == {"ion-lineage-handoff", "ion-lineage-sender-link"}
        db = sqlite3.connect(tmp_path / "spool.sqlite3")
        rows = [(part, type(body).__name__, items) for part, body, items in db.execute("SELECT part, body, items FROM records ORDER BY seq")]
        db.close()
        assert rows == [("runs", "str", 1), ("predictions", "str", 20), ("events", "str", 1)]
        assert client.flush(timeout=30)
        assert Accepting.ids == [f"r:q{i}" for i in range(20)]
        assert client.stats().created == 22 and client.close(timeout=5) == 0
    finally:
        server.shutdown()


def test_frames_handed_over_but_not_yet_durable_reach_a_restarted_sender_once(tmp_path, monkeypatch):
    import sqlite3

    monkeypatch.setattr(il.LineageClient, "_report_interval", 60.0)  # the sender reports only to barriers
    server, url = serve()
    try:
        with il.LineageClient(url, tmp_path, flush_interval=3600, commit_interval=0.02) as client:
            with client.run("r", pipeline_node_id="n", kind="INFERENCE", model_version_ids=["mv"]) as run:
                run.record_prediction("q0", "s", "yes", durable=True)
                # Frames the sender spooled but had not reported when it died: the client hands
                # them over again and the new sender skips them.
                for i in range(1, 50):
                    run.record_prediction(f"q{i}", "s", "yes")
                    time.sleep(0.002)
                with client._handoff_lock:
                    client._hand_over()
                db = sqlite3.connect(tmp_path / "spool.sqlite3")
                until(lambda: db.execute("SELECT coalesce(sum(items), 0) FROM records WHERE part = 'predictions'").fetchone()[0] == 50)
                db.close()
                assert client._synced < client._mark
                # Frames it never read: stopped, they stay in its pipe and die with it.
                first = client._link.process.pid
                os.kill(first, signal.SIGSTOP)
                for i in range(50, 100):
                    run.record_prediction(f"q{i}", "s", "yes")
                    time.sleep(0.002)
                os.kill(first, signal.SIGKILL)
                until(lambda: client._link.process.pid != first)
            assert client.flush(timeout=30)
        assert Accepting.ids[0] == "r:q0" and sorted(Accepting.ids) == sorted(f"r:q{i}" for i in range(100))
    finally:
        server.shutdown()


def test_frames_waiting_for_a_stuck_sender_are_bounded_and_then_records_are_refused(tmp_path):
    from ion_lineage.handoff import MAX_UNSYNCED

    client = il.LineageClient(UNREACHABLE, tmp_path, retry_min=5, commit_interval=0, max_queue=200)
    os.kill(client._link.process.pid, signal.SIGSTOP)
    try:
        run = il.RunRecorder(client, "r", pipeline_node_id="n", kind="INFERENCE", model_version_ids=["mv"])
        recorded = 0
        try:
            for i in range(10_000):
                run.record_prediction(f"q{i}", "s", "yes")
                recorded += 1
        except il.QueueFullError:
            pass
        assert client._mark - client._synced == MAX_UNSYNCED
        assert recorded == MAX_UNSYNCED + 200
    finally:
        os.kill(client._link.process.pid, signal.SIGCONT)
        client.close(timeout=0)


def test_a_sender_that_dies_is_started_again_and_delivers(tmp_path):
    server, url = serve()
    try:
        with il.LineageClient(url, tmp_path, flush_interval=0.01, retry_min=0.05) as client:
            first = client._link.process.pid
            os.kill(first, signal.SIGKILL)
            until(lambda: client._link.process.pid != first)
            with client.run("r", pipeline_node_id="n", kind="INFERENCE", model_version_ids=["mv"]) as run:
                run.record_prediction("q1", "s", "yes", durable=True)
            assert client.flush(timeout=30)
        assert Accepting.ids == ["r:q1"]
    finally:
        server.shutdown()


PIPELINE = """
import ion_lineage as il, sys
c = il.LineageClient(sys.argv[1], sys.argv[2], retry_min=5)
with c.run('r', pipeline_node_id='n', kind='INFERENCE', model_version_ids=['mv']) as run:
    for i in range(100):
        run.record_prediction(f'q{i}', 's', 'yes')
print(c._link.process.pid, flush=True)
sys.stdin.read()
"""


def test_the_sender_ends_with_its_client_killed_by_kill_9_and_the_next_client_takes_over(tmp_path):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    pipeline = subprocess.Popen([sys.executable, "-c", PIPELINE, UNREACHABLE, str(tmp_path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
    sender = int(pipeline.stdout.readline())
    pipeline.kill()
    pipeline.wait()
    until(lambda: gone(sender), 10)
    server, url = serve()
    try:
        with il.LineageClient(url, tmp_path, flush_interval=0.01) as client:
            assert client.flush(timeout=30)
        assert Accepting.ids == [f"r:q{i}" for i in range(100)]
    finally:
        server.shutdown()
