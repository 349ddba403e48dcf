"""The sender process's spooler: makes the frames its client hands over durable.

Frames arrive on the sender's stdin (``sender_process.main`` reads them); one thread turns them
into spool rows of JSON (``frames.spool_rows``, with the dead letters of what JSON cannot hold)
and appends them in one transaction: SQLite in WAL mode with ``synchronous=FULL`` syncs the log
before the commit returns, so a frame is durable once its transaction is. It spools at once for
a barrier that waits, otherwise once the oldest frame waiting is ``SPOOL_DELAY`` old or
``REPORT_FRAMES`` frames wait: fewer, larger transactions and fsyncs, and nothing is at risk
meanwhile (the client keeps every frame until it is reported durable, and a sender whose client
died spools what it read before it ends). The same transaction notes the last frame's mark under the client's
session, so a sender started again skips the frames its predecessor spooled when the client
hands them over again.

It reports the last durable mark at once when a barrier waits for it, otherwise at most once per
``REPORT_INTERVAL`` (or every ``REPORT_FRAMES`` frames, so the client's bound on frames in flight
never stalls it): each report costs the client a thread wake-up and a GIL hand-over, which a
pure-Python scoring loop would pay.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .batching import Letter, UtcText
from .frames import spool_rows
from .spool import Spool, connect

if TYPE_CHECKING:
    from .sender_process import Link

#: How often durable marks nobody waits for are reported, in seconds and in frames.
REPORT_INTERVAL = 1.0
REPORT_FRAMES = 16
#: How long frames nobody waits for may wait to be spooled together, in seconds.
SPOOL_DELAY = 0.5


class Spooler:
    """Frames in (``receive``, from the thread reading stdin), durable rows out, marks reported."""

    def __init__(self, link: Link, path: str, settings: dict[str, Any], counters: Callable[[], dict[str, int]], on_refused: Callable[[int], None]) -> None:
        self.link, self.counters, self.on_refused = link, counters, on_refused
        self.db = connect(path, fsync=settings["fsync"])
        self.session = settings["session"]
        self.max_items, self.max_bytes = max(1, min(settings["batch_size"], 1_000)), max(1, settings["max_batch_bytes"] // 4)
        self.utc = UtcText()
        self.interval = settings.get("report_interval", REPORT_INTERVAL)
        self.cv = threading.Condition()
        self.frames: list[tuple[int, bytes]] = []
        self.first_at = 0.0  # when the oldest frame waiting arrived
        # Marks: the last received (frames at or below it are skipped), durable, reported, waited for.
        self.received = self.synced = self.spooled_before()
        self.reported = self.wanted = 0
        self.ending = False
        # What spooling changed since the last report: items refused here, bytes, dead letters found.
        self.refused = self.delta = 0
        self.found: list[Letter] = []
        self.thread = threading.Thread(target=self.run, name="ion-lineage-spooler", daemon=True)

    def spooled_before(self) -> int:
        """The last mark of this client's session a sender before this one spooled, or 0."""
        row = self.db.execute("SELECT value FROM meta WHERE key = 'handoff'").fetchone()
        if row is None:
            return 0
        session, _, mark = str(row[0]).partition(" ")
        return int(mark) if session == self.session else 0

    def receive(self, mark: int, body: bytes) -> None:
        with self.cv:
            if mark <= self.received:  # spooled by a sender before this one, or handed over twice
                return
            self.received = mark
            self.frames.append((mark, body))
            if len(self.frames) == 1:
                self.first_at = time.monotonic()
                self.cv.notify()  # to time SPOOL_DELAY from now
            elif len(self.frames) == REPORT_FRAMES:
                self.cv.notify()

    def want(self, mark: int) -> None:
        """A barrier waits for ``mark``: report it as soon as it is durable."""
        with self.cv:
            self.wanted = max(self.wanted, mark)
            self.cv.notify()

    def finish(self) -> None:
        """Spools what was received and reports it, then the thread ends."""
        with self.cv:
            self.ending = True
            self.cv.notify()
        self.thread.join()

    def due(self, last_report: float) -> float:
        """0 when there is something to do now, else how long to wait (callers hold ``cv``)."""
        if self.ending or self.wanted > self.reported or len(self.frames) >= REPORT_FRAMES:
            return 0.0
        now = time.monotonic()
        if self.frames:
            return max(0.0, self.first_at + SPOOL_DELAY - now)
        return 0.0 if self.synced > self.reported and now - last_report >= self.interval else self.interval

    def run(self) -> None:
        last_report = 0.0
        while True:
            with self.cv:
                while (wait := self.due(last_report)) > 0:
                    self.cv.wait(wait)
                frames, self.frames = self.frames, []
                ending = self.ending and not frames
                wanted = self.wanted > self.reported
            if frames:
                try:
                    self.spool(frames)
                except Exception as error:  # noqa: BLE001 - disk trouble (or a bug): the client must not count anything more as durable
                    self.link.send({"failed": f"spooling failed: {error}"})
                    return
            now = time.monotonic()
            due = wanted or ending or now - last_report >= self.interval or self.synced - self.reported >= REPORT_FRAMES
            if due and (self.synced > self.reported or self.found or self.refused):
                last_report = now
                self.report()
            if ending:
                return

    def spool(self, frames: list[tuple[int, bytes]]) -> None:
        rows, letters, found = spool_rows([body for _, body in frames], self.utc, self.max_items, self.max_bytes)
        self.found += found
        self.refused += len(found)
        self.delta -= sum(len(body) for _, body in frames)
        mark = frames[-1][0]
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            Spool.append(db, rows, letters, in_transaction=True)
            db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('handoff', ?)", (f"{self.session} {mark}",))
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
        self.delta += sum(len(row[1]) for row in rows)
        self.synced = mark
        with self.link.cv:
            self.link.unsent += sum(row[2] for row in rows)
            self.link.cv.notify_all()

    def report(self) -> None:
        message: dict[str, Any] = {"synced": self.synced}
        if self.found or self.refused or self.delta:
            self.on_refused(len(self.found))
            message.update(transcoded={"items": self.refused, "bytes": self.delta}, letters=[list(x) for x in self.found], counters=self.counters())
            self.found, self.refused, self.delta = [], 0, 0
        self.reported = self.synced
        self.link.send(message)
