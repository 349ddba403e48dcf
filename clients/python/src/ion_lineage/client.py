"""``LineageClient``: records lineage from a Python pipeline without waiting for the server.

Every ``record_*`` call appends its record to an in-memory queue (a deque: no lock) and returns
a ticket at once; ``run.record_prediction`` does not even encode. Once per ``commit_interval``
the recording thread hands what was queued to a sender process as one ``marshal``ed frame over
a pipe, predictions as the call's raw tuples (``handoff``, ``frames``). The sender process
(``sender_process``) encodes the records as JSON, spools them (SQLite, fsync), delivers the
spool in order and deletes records only once the server has confirmed them, so none of that
runs on the pipeline's CPU or GIL. A record counts (survives ``kill -9`` and a power cut) once
the sender has reported its frame durable: ``wait_durable``, ``flush``, the end of a ``with
client.run(...)`` block and ``record_prediction(durable=True)`` hand over at once and wait for
that.
"""
from __future__ import annotations

import atexit
import itertools
import os
import threading
import time
import uuid
import weakref
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from . import models as m
from .batching import Entry, UtcText
from .delivery import Counters, Sender, Stopped
from .errors import ClientClosedError, DeliveryError, QueueFullError, SpoolFullError
from .records import TypedRecords
from .sender_link import SenderLink, SenderReports
from .handoff import HANDOFF_RECORDS, QueueHandoff
from .spool import DeadLetter, Spool
from .transport import Counts, TokenSource, Transport, request_body
from .wire import bundle_parts, dumps


#: Open clients, so a normal interpreter exit without ``close()`` still commits what is queued.
_open: weakref.WeakSet[LineageClient] = weakref.WeakSet()


@atexit.register
def _commit_at_exit() -> None:
    # Daemon threads still run while atexit handlers do: the sender spools, the next client sends.
    for client in list(_open):
        try:
            client.wait_durable(timeout=10)
        except Exception:  # noqa: BLE001 - a failed spool has reported itself already
            pass


@dataclass(frozen=True)
class ClientStats:
    """What a client has done since it was opened, and what waits."""

    queued: int
    spooled: int
    spooled_bytes: int
    requests: int
    created: int
    unchanged: int
    retries: int
    dead_lettered: int
    #: CPU seconds this process spent handing records over (in the recording threads and the idle
    #: thread), and the sender process (all of it) encoding, spooling, sending and syncing.
    writer_cpu: float = 0.0
    sender_cpu: float = 0.0


class LineageClient(TypedRecords, QueueHandoff, SenderReports):
    """A durable, batching client of the ION Lineage ingest API (one process per ``spool_dir``)."""

    #: How often, in seconds, the sender reports durable frames nobody waits for (see ``sender_spooler``).
    _report_interval = 1.0

    def __init__(
        self,
        url: str,
        spool_dir: str | os.PathLike[str],
        *,
        token: TokenSource = None,
        client_id: str | None = None,
        batch_size: int = 2_000,
        max_batch_bytes: int = 8 * 1024 * 1024,
        flush_interval: float = 1.0,
        max_queue: int = 100_000,
        max_spool_bytes: int = 1024 * 1024 * 1024,
        fsync: bool = True,
        commit_interval: float = 0.1,
        request_timeout: float = 60.0,
        retry_min: float = 0.2,
        retry_max: float = 5.0,
        on_retry: Callable[[DeliveryError, int], None] | None = None,
        on_dead_letter: Callable[[DeadLetter], None] | None = None,
    ) -> None:
        if not url:
            raise ValueError("LineageClient needs a url (the service's /graphql endpoint)")
        self.batch_size, self.max_batch_bytes, self.flush_interval = batch_size, max_batch_bytes, flush_interval
        self.max_queue, self.max_spool_bytes, self.commit_interval = max_queue, max_spool_bytes, commit_interval
        self.on_dead_letter = on_dead_letter
        self._spool = Spool(spool_dir, fsync=fsync)
        self._db = self._spool.connect()
        rows, items, size = Spool.depth(self._db)
        # The caller's side: a deque (appends are atomic), tickets from a counter, flags read without a lock.
        self._queue: deque[Entry] = deque()
        self._tickets = itertools.count(1)
        self._wake = threading.Event()
        self._idle = False
        # Held by whichever thread hands a frame over, so frames reach the sender in mark order.
        self._handoff_lock = threading.Lock()
        self._due = time.monotonic() + commit_interval
        self._utc = UtcText()
        self._mean_bytes = 512.0  # of a spooled record, for the SpoolFullError estimate of what is queued
        # Shared by the callers, the sender link and waiters, guarded by _cv: tickets durable (every one
        # up to _durable, and those in _ahead), items/bytes spooled, items recorded and settled.
        self._cv = threading.Condition(threading.Lock())
        self._durable = 0
        self._ahead: set[int] = set()
        # Frames handed over and not yet reported durable: (mark, tickets, body), in mark order.
        self._mark = self._synced = 0
        self._unsynced: deque[tuple[int, list[int], bytes]] = deque()
        self._spooled_items, self._spooled_bytes = items, size
        self._recorded_items = items  # items recovered from an earlier process count as recorded
        self._settled_items = 0
        self._flushing = 0
        self._cpu = {"writer": 0.0, "sender": 0.0}
        self._delivered = Counters()  # as the sender process last reported them
        self._closed = False
        self._failure: BaseException | None = None
        self._stop = threading.Event()
        client_id = client_id or self._spool.client_id(self._db)
        transport = Transport(url, client_id, token, request_timeout)
        self._sender = Sender(transport, self._stop, retry_min, retry_max, lambda: self._spooled_items + len(self._queue), on_retry)
        settings = {
            "url": url, "client_id": client_id, "batch_size": batch_size, "max_batch_bytes": max_batch_bytes, "flush_interval": flush_interval,
            "request_timeout": request_timeout, "retry_min": retry_min, "retry_max": retry_max, "fsync": fsync,
            "session": uuid.uuid4().hex,  # names this client's frames in the spool, for a sender started again
            "report_interval": self._report_interval,
        }
        self._link = SenderLink(self._spool.directory, lambda: {**settings, "unsent": self._spooled_items}, token, self._on_sender, self._resend)
        self._idle_thread = threading.Thread(target=self._idle_loop, name="ion-lineage-handoff", daemon=True)
        self._idle_thread.start()
        _open.add(self)

    # ---- recording ---------------------------------------------------------------------------

    def _put(self, part: str, payload: Any) -> int:
        """Queues one record and returns its ticket, handing what is queued to the sender when
        ``commit_interval`` has passed (see ``handoff``). No lock to queue: a deque append is
        atomic, and the idle thread is woken only when it sleeps with nothing to do."""
        if self._closed or self._failure is not None:
            self._refuse()
        queue = self._queue
        queued = len(queue)
        if queued >= self.max_queue:
            raise QueueFullError(queued)
        if self._spooled_bytes + queued * self._mean_bytes > self.max_spool_bytes:
            raise SpoolFullError(self._spooled_bytes, self.max_spool_bytes)
        ticket = next(self._tickets)
        queue.append((ticket, part, payload))
        if self._idle:  # cleared here too, so a burst wakes the idle thread once, not per record
            self._idle = False
            self._wake.set()
        if (queued >= HANDOFF_RECORDS or time.monotonic() >= self._due) and self._handoff_lock.acquire(False):
            try:
                self._hand_over()
            finally:
                self._handoff_lock.release()
            if self._failure is not None:
                self._refuse()
        return ticket

    def _append(self, part: str, body: str, items: int) -> int:
        """Queues a record already encoded (a bundle's JSON when ``part == "bundle"``)."""
        return self._put(part, (body, items) if part == "bundle" else body)

    def _refuse(self) -> None:
        if self._failure is not None:
            raise ClientClosedError(f"the spool failed: {self._failure}") from self._failure
        raise ClientClosedError("LineageClient is closed")

    def wait_durable(self, ticket: int | None = None, timeout: float | None = None) -> bool:
        """Blocks until the record of ``ticket`` (default: everything recorded so far, by any
        thread) is durable in the spool, handing it over now rather than after ``commit_interval``."""
        if ticket is None:  # a ticket of no record: durable once every earlier one is
            with self._cv:
                ticket = next(self._tickets)
                self._ahead.add(ticket)
                self._advance()
        if self._durable < ticket:
            with self._handoff_lock:
                mark = self._hand_over(barrier=True)
            self._link.write({"wait": mark})  # the sender reports at once only to a barrier that waits
        with self._cv:
            self._cv.wait_for(lambda: self._durable >= ticket or self._failure is not None, timeout)
            if self._failure is not None:
                raise ClientClosedError(f"the spool failed: {self._failure}") from self._failure
            return self._durable >= ticket

    def _advance(self) -> None:
        """Moves ``_durable`` over the committed tickets that follow it (callers hold ``_cv``)."""
        ahead, durable = self._ahead, self._durable
        while durable + 1 in ahead:
            durable += 1
            ahead.remove(durable)
        self._durable = durable

    # ---- direct calls ------------------------------------------------------------------------

    def ingest(self, bundle: m.IngestBundleInput | dict[str, Any]) -> Counts:
        """Sends a bundle now, past the spool, and returns the server's counts per part.

        Transient failures are retried; a refusal raises DeliveryError. For setup steps that must be
        confirmed before going on; pipelines should prefer ``bundle()``.
        """
        parts = bundle_parts(bundle)
        try:
            return self._sender.send(request_body({p: [dumps(i) for i in items] for p, items in parts.items()}))
        except Stopped:
            raise ClientClosedError("LineageClient closed while sending") from None

    # ---- threads -----------------------------------------------------------------------------

    # ---- flush, close, stats ------------------------------------------------------------------

    def flush(self, timeout: float | None = None) -> bool:
        """Blocks until everything recorded before the call is confirmed (or dead-lettered)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        if not self.wait_durable(timeout=timeout):
            return False
        with self._cv:
            target = self._recorded_items
            self._flushing += 1
            if self._flushing == 1:
                self._link.write({"hurry": True})
            try:
                left = None if deadline is None else max(0.0, deadline - time.monotonic())
                return self._cv.wait_for(lambda: self._settled_items >= target or self._failure is not None, left)
            finally:
                self._flushing -= 1
                if self._flushing == 0:
                    self._link.write({"hurry": False})

    def close(self, timeout: float = 30.0) -> int:
        """Stops taking records, delivers what it can within ``timeout`` seconds, and returns the
        items left in the spool (sent by the next client on the same ``spool_dir``)."""
        if self._closed and self._stop.is_set():
            return self._spooled_items
        self._closed = True
        _open.discard(self)
        self.flush(timeout)
        self._stop.set()
        self._wake.set()
        with self._cv:
            self._cv.notify_all()
        self._idle_thread.join()
        self._link.stop()
        remaining = Spool.depth(self._db)[1]
        self._db.close()
        self._spool.close()
        return remaining

    def dead_letters(self) -> list[DeadLetter]:
        """Every record the server refused for its content, with its answer."""
        db = self._spool.connect()
        try:
            return Spool.dead_letters(db)
        finally:
            db.close()

    def stats(self) -> ClientStats:
        """Counters of this client and its sender process (direct ``ingest`` calls included)."""
        c, d = self._sender.counters, self._delivered
        return ClientStats(
            len(self._queue), self._spooled_items, self._spooled_bytes, c.requests + d.requests, c.created + d.created, c.unchanged + d.unchanged,
            c.retries + d.retries, c.dead_lettered + d.dead_lettered, round(self._cpu["writer"], 6), round(self._cpu["sender"], 6),
        )

    def __enter__(self) -> LineageClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def run(self, run_id: str, **kwargs: Any) -> Iterator[Any]:
        """``with client.run("run-1", pipeline_node_id=..., kind="INFERENCE") as run:`` (see ``RunRecorder``)."""
        from .run import RunRecorder

        with RunRecorder(self, run_id, **kwargs) as recorder:
            yield recorder

    def recorded_run(self, *, pipeline_node_id: str, kind: m.PipelineRole, run_id: Callable[[], str] | None = None, **options: Any) -> Callable[[Any], Any]:
        """Decorator: every call of the decorated function is recorded as a run (see ``run``)."""
        from .run import recorded_run

        return recorded_run(self, pipeline_node_id=pipeline_node_id, kind=kind, run_id=run_id, **options)
