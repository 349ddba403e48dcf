"""The sender process: spools the records its client hands over, reads the spool in order, sends
it and deletes what the server confirmed, so none of that runs on the pipeline's CPU or holds
its GIL.

Started by ``LineageClient`` (``sender_link``) as ``python -c … <spool directory> <parent pid>``
with the same interpreter. Its client writes it on stdin its settings (the token among them:
never in the command line or the environment), frames of records (``frames``; the spooler
makes them durable, ``sender_spooler``), barriers, and when to hurry or stop; it answers on
stdout in JSON lines with durable marks, confirmations, counters, retries and dead letters. It
stops with its client: at the end of stdin (the kernel closes it when the client dies, even by
``kill -9``), after spooling every whole frame it read, or when its parent process is gone. It
holds ``sender.lock`` in the spool directory while it runs, so a restarted client's sender
waits for a leftover one to end before it takes over the spool.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import sys
import threading
import time
from typing import IO, Any

from .batching import UtcText
from .delivery import Sender, Stopped, take_batch
from .errors import DeliveryError
from .rawrows import transcode
from .sender_spooler import Spooler
from .spool import Spool, SpoolRow, connect
from .transport import Transport

try:  # POSIX; elsewhere a restarted client's sender does not wait for a leftover one.
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

#: How much a raw row may grow as JSON, to keep a request under ``max_batch_bytes``.
RAW_GROWTH = 3


class Link:
    """The sender's side of the pipes: settings and commands in, reports out."""

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out
        self.cv = threading.Condition()
        self.unsent = 0  # items spooled and not yet settled, as the client counts them
        self.hurry = False
        self.stop = threading.Event()
        self.token: str | None = None
        self.token_asked = False
        self.write_lock = threading.Lock()

    def send(self, message: dict[str, Any]) -> None:
        """Reports to the client; a client that is gone misses it (what it reported is in the spool)."""
        line = (json.dumps(message, separators=(",", ":")) + "\n").encode()
        with self.write_lock:
            try:
                self.out.write(line)
                self.out.flush()
            except (BrokenPipeError, OSError, ValueError):
                pass

    def handle(self, message: dict[str, Any]) -> None:
        with self.cv:
            if "hurry" in message:
                self.hurry = bool(message["hurry"])
            if "token" in message:
                self.token, self.token_asked = message["token"], False
            if message.get("stop"):
                self.stop.set()
            self.cv.notify_all()

    def fresh_token(self) -> str | None:
        """Asks the client for a token (its ``token`` is a callable) and waits for the answer."""
        with self.cv:
            self.token_asked = True
            self.send({"token?": True})
            self.cv.wait_for(lambda: not self.token_asked or self.stop.is_set(), 30)
            return self.token


class SendLoop:
    """Delivers the spool in order: batches of ``batch_size`` items, or what waits after
    ``flush_interval``, at once while the client flushes or closes."""

    def __init__(self, link: Link, path: str, settings: dict[str, Any], parent: int) -> None:
        self.link, self.parent, self.path = link, parent, path
        self.db = connect(path, fsync=settings["fsync"])
        self.batch_size, self.max_batch_bytes = settings["batch_size"], settings["max_batch_bytes"]
        self.flush_interval = settings["flush_interval"]
        token: Any = link.fresh_token if settings["token_callable"] else settings.get("token")
        transport = Transport(settings["url"], settings["client_id"], token, settings["request_timeout"])
        self.sender = Sender(transport, link.stop, settings["retry_min"], settings["retry_max"], lambda: link.unsent, self.on_retry)
        self.utc = UtcText()
        self.spooler: Spooler | None = None

    def on_retry(self, error: DeliveryError, attempt: int) -> None:
        retry = {"message": error.message, "code": error.code, "status": error.status, "attempt": attempt}
        self.link.send({"retry": retry, "counters": self.counters()})

    def alive(self) -> bool:
        if os.getppid() != self.parent:  # the client died, and a process it forked holds our stdin open
            assert self.spooler is not None
            self.spooler.finish()
            os._exit(0)
        return not self.link.stop.is_set()

    def refused(self, letters: int) -> None:
        """Counts the records the spooler refused (JSON cannot hold them) as dead letters."""
        self.sender.counters.dead_lettered += letters

    def counters(self) -> dict[str, int]:
        c = self.sender.counters
        return {"requests": c.requests, "created": c.created, "unchanged": c.unchanged, "retries": c.retries, "dead_lettered": c.dead_lettered}

    def run(self) -> None:
        link, first_unsent = self.link, None
        while self.alive():
            with link.cv:
                if link.unsent <= 0:
                    first_unsent = None
                    link.cv.wait(0.5)
                    continue
                first_unsent = first_unsent or time.monotonic()
                waited = time.monotonic() - first_unsent
                if not (link.hurry or link.unsent >= self.batch_size) and waited < self.flush_interval:
                    link.cv.wait(min(0.5, self.flush_interval - waited))
                    continue
            try:
                rows = self.next_batch()
                if rows:
                    self.deliver(rows)
                else:  # nothing left to send whatever the count says (e.g. all dead letters)
                    with link.cv:
                        link.unsent = 0
            except Stopped:
                return
            except sqlite3.Error as error:  # disk trouble while reading or writing: report, try again
                self.on_retry(DeliveryError(f"Spool error: {error}", "SPOOL", True), 0)
                link.stop.wait(self.sender.retry_max)
            first_unsent = time.monotonic() if link.unsent > 0 else None

    def next_batch(self) -> list[SpoolRow]:
        """The next batch, its raw rows rewritten as JSON first (with their dead letters)."""
        scan = Spool.scan(self.db)
        try:
            growth = (SpoolRow(r.seq, r.part, r.body * RAW_GROWTH, r.items) if isinstance(r.body, bytes) else r for r in scan)
            taken = [r.seq for r in take_batch(growth, self.batch_size, self.max_batch_bytes)]
        finally:
            scan.close()
        if not taken:
            return []
        rows = [SpoolRow(*r) for r in self.db.execute("SELECT seq, part, body, items FROM records WHERE seq BETWEEN ? AND ? ORDER BY seq", (taken[0], taken[-1]))]
        if any(isinstance(r.body, bytes) for r in rows):
            rows = self.transcode(rows)
        return rows

    def transcode(self, rows: list[SpoolRow]) -> list[SpoolRow]:
        out: list[SpoolRow] = []
        dropped = delta = 0
        letters: list[Any] = []
        self.db.execute("BEGIN IMMEDIATE")
        try:
            for row in rows:
                if not isinstance(row.body, bytes):
                    out.append(row)
                    continue
                body, items, refused = transcode(row.body, self.utc)
                letters.extend(refused)
                dropped += row.items - items
                if body is None:
                    self.db.execute("DELETE FROM records WHERE seq = ?", (row.seq,))
                    delta -= len(row.body)
                    continue
                self.db.execute("UPDATE records SET body = ?, items = ? WHERE seq = ?", (body, items, row.seq))
                delta += len(body) - len(row.body)
                out.append(SpoolRow(row.seq, row.part, body, items))
            Spool.append(self.db, [], letters, in_transaction=True)
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")
        self.sender.counters.dead_lettered += len(letters)
        with self.link.cv:
            self.link.unsent -= dropped
        self.link.send({"transcoded": {"items": dropped, "bytes": delta}, "letters": [list(x) for x in letters], "counters": self.counters()})
        return out

    def deliver(self, rows: list[SpoolRow]) -> None:
        letters: list[Any] = []
        self.sender.deliver_rows(self.db, rows, letters.append)
        Spool.ack(self.db, rows[-1].seq)  # the client cannot have a new sender before this one ends
        items = sum(r.items for r in rows)
        with self.link.cv:
            self.link.unsent -= items
        self.link.send(
            {
                "ack": {"rows": len(rows), "items": items, "bytes": sum(len(r.body) for r in rows)},
                "refused": [[x.at, x.part, x.item, x.code, x.message, x.problems] for x in letters],
                "counters": self.counters(),
                "cpu": time.process_time(),
            }
        )


def main() -> None:
    directory, parent = sys.argv[-2], int(sys.argv[-1])
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the pipeline's to handle; we stop with it
    stdin, out = sys.stdin.buffer, sys.stdout.buffer
    settings = json.loads(stdin.readline() or b"null")
    if settings is None:
        return  # the client died before it spoke
    lock = os.open(os.path.join(directory, "sender.lock"), os.O_CREAT | os.O_RDWR, 0o600)
    if fcntl is not None:
        fcntl.flock(lock, fcntl.LOCK_EX)  # waits for a leftover sender to end
    link = Link(out)
    link.unsent = settings["unsent"]
    path = os.path.join(directory, "spool.sqlite3")
    loop = SendLoop(link, path, settings, parent)
    spooler = loop.spooler = Spooler(link, path, settings, loop.counters, loop.refused)
    worker = threading.Thread(target=loop.run, daemon=True)
    worker.start()
    spooler.thread.start()
    link.send({"started": os.getpid()})
    read_stdin(stdin, link, spooler)
    # At the end of stdin every whole frame read is spooled and reported; a frame cut short by
    # the client's death was never reported durable, so nobody counts on it.
    spooler.finish()
    if not link.stop.is_set():
        os._exit(0)  # the client died: what is not confirmed stays in the spool for the next one
    worker.join()
    link.send({"stopped": True, "cpu": time.process_time()})


def read_stdin(stdin: IO[bytes], link: Link, spooler: Spooler) -> None:
    """Frames to the spooler and messages to the link, until the end of stdin."""
    for line in iter(stdin.readline, b""):
        if line.startswith(b"#"):
            mark, length = map(int, line[1:].split())
            body = stdin.read(length)
            if len(body) < length:
                return
            spooler.receive(mark, body)
            continue
        message = json.loads(line)
        if "wait" in message:
            spooler.want(message["wait"])
        link.handle(message)


if __name__ == "__main__":
    main()
