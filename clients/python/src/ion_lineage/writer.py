"""Committing queued records to the spool: ``LineageClient``'s half that runs in the pipeline's
process, kept to a minimum.

The thread that records commits what is queued itself, once ``commit_interval`` has passed
since the last commit: a 1 ms scoring loop commits every ~100 records in one transaction, with no
thread switch or GIL hand-over for it. A barrier (``wait_durable``) commits at once in the
waiting thread. A writer thread commits only what a caller that stopped recording left queued,
after about two intervals. A commit writes to the kernel (``synchronous=OFF``: it survives
``kill -9``); the sender process syncs the log and reports the commit's mark, and only then do
its records count (``_unsynced`` → ``_durable``).
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections import deque
from typing import TYPE_CHECKING, Any

from .batching import Entry, UtcText
from .rawrows import encode_batch
from .spool import DeadLetter, Spool

if TYPE_CHECKING:
    from .delivery import Sender
    from .sender_link import SenderLink


class QueueCommitter:
    """Mixed into ``LineageClient``, which owns the fields below (see its ``__init__``)."""

    _queue: deque[Entry]
    _cv: threading.Condition
    _commit_lock: threading.Lock
    _wdb: sqlite3.Connection
    _spool: Spool
    _link: SenderLink
    _sender: Sender
    _stop: threading.Event
    _wake: threading.Event
    _idle: bool
    _due: float
    _commits: int
    _unsynced: deque[tuple[int, list[int]]]
    _ahead: set[int]
    _spooled_items: int
    _spooled_bytes: int
    _recorded_items: int
    _mean_bytes: float
    _cpu: dict[str, float]
    _failure: BaseException | None
    _utc: UtcText
    commit_interval: float
    batch_size: int
    max_batch_bytes: int
    on_dead_letter: Any

    def _advance(self) -> None:
        raise NotImplementedError

    def _commit_queued(self) -> None:
        """Commits everything queued in one transaction (callers hold ``_commit_lock``)."""
        queue = self._queue
        self._due = time.monotonic() + self.commit_interval
        if not queue or self._failure is not None:
            return
        started = time.thread_time()
        batch = [queue.popleft() for _ in range(len(queue))]
        try:
            rows, letters = encode_batch(batch, self._utc, max(1, min(self.batch_size, 1_000)), max(1, self.max_batch_bytes // 4))
            Spool.append(self._wdb, rows, letters)
        except Exception as error:  # disk full, I/O error: later records fail at once
            with self._cv:
                self._failure = error
                self._cv.notify_all()
            return
        except BaseException:  # KeyboardInterrupt in the transaction: rolled back, so queue them again
            queue.extendleft(reversed(batch))
            raise
        items, size = sum(r[2] for r in rows), sum(len(r[1]) for r in rows)
        with self._cv:
            self._commits += 1
            if self._spool.fsync:  # durable once the sender process has synced this commit
                self._unsynced.append((self._commits, [ticket for ticket, _, _ in batch]))
            else:
                self._ahead.update(ticket for ticket, _, _ in batch)
                self._advance()
            self._spooled_items += items
            self._spooled_bytes += size
            self._recorded_items += items
            self._cv.notify_all()
        # After the commit and its tickets are in place: the answer may come at once.
        self._link.committed(items, self._commits if self._spool.fsync else None)
        if items:
            self._mean_bytes = 0.8 * self._mean_bytes + 0.2 * size / items
        for letter in letters:
            self._sender.counters.dead_lettered += 1  # refused by the client itself
            if self.on_dead_letter:
                self.on_dead_letter(DeadLetter.of(letter))
        self._cpu["writer"] += time.thread_time() - started

    def _commit_now(self) -> None:
        with self._commit_lock:
            self._commit_queued()

    def _write_loop(self) -> None:
        """Commits what a caller that stopped recording left queued, ~2 intervals after the last commit."""
        queue, wake = self._queue, self._wake
        while True:
            wake.clear()
            if not queue:
                if self._stop.is_set():
                    return
                self._idle = True  # set before looking, so a record appended meanwhile wakes us
                if not queue and not self._stop.is_set():
                    wake.wait()
                self._idle = False
                continue
            left = self._due + self.commit_interval - time.monotonic()
            if left > 0 and not self._stop.is_set():
                wake.wait(left)
                continue
            self._commit_now()
            if self._failure is not None:
                return
