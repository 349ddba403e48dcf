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


def test_predictions_are_spooled_raw_by_the_pipeline_and_sent_as_json_by_the_sender(tmp_path):
    import sqlite3

    server, url = serve()
    try:
        client = il.LineageClient(url, tmp_path, flush_interval=3600)
        with client.run("r", pipeline_node_id="n", kind="INFERENCE", model_version_ids=["mv"]) as run:
            for i in range(20):
                run.record_prediction(f"q{i}", "s", "yes", score=0.5, inputs={"crp": i})
        db = sqlite3.connect(tmp_path / "spool.sqlite3")
        kinds = [(part, type(body).__name__) for part, body in db.execute("SELECT part, body FROM records ORDER BY seq")]
        db.close()
        assert kinds == [("runs", "str"), ("predictions", "bytes"), ("events", "str")]
        assert client.flush(timeout=30)
        assert Accepting.ids == [f"r:q{i}" for i in range(20)]
        assert client.stats().created == 22 and client.close(timeout=5) == 0
    finally:
        server.shutdown()


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
