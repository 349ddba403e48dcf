"""Handing queued records to the sender process: ``LineageClient``'s half that runs in the
pipeline's process, kept to a minimum.

The thread that records hands over what is queued itself, once ``commit_interval`` has passed
since the last hand-over or ``HANDOFF_RECORDS`` are queued: one ``marshal.dumps`` of the batch
(``frames``) written to the sender's stdin (the write releases the GIL). No SQLite, no fsync
and no thread of its own run here: the sender process spools each frame (SQLite in WAL mode,
fsync) and reports the last frame it made durable; only then do its records count
(``_unsynced`` → ``_durable``). A barrier (``wait_durable``) hands over at once in the waiting
thread. An idle thread hands over only what a caller that stopped recording left queued,
after about two intervals.

Backpressure: at most ``MAX_UNSYNCED`` frames may wait for the sender's report; beyond that
records stay queued (up to ``max_queue``, then ``QueueFullError``). The frames not yet reported
durable are kept, so a sender started again after dying gets them again (it skips those its
predecessor spooled).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from typing import TYPE_CHECKING, Any

from .batching import Entry, UtcText
from .frames import frame, frame_items
from .spool import DeadLetter

if TYPE_CHECKING:
    from .delivery import Sender
    from .sender_link import SenderLink

#: Records queued that make the next call hand them over, whatever the time.
HANDOFF_RECORDS = 1_000
#: Frames handed over and not yet reported durable, beyond which records stay queued.
MAX_UNSYNCED = 64


class QueueHandoff:
    """Mixed into ``LineageClient``, which owns the fields below (see its ``__init__``)."""

    _queue: deque[Entry]
    _cv: threading.Condition
    _handoff_lock: threading.Lock
    _link: SenderLink
    _sender: Sender
    _stop: threading.Event
    _wake: threading.Event
    _idle: bool
    _due: float
    _mark: int
    _synced: int
    _unsynced: deque[tuple[int, list[int], bytes]]
    _spooled_items: int
    _spooled_bytes: int
    _recorded_items: int
    _mean_bytes: float
    _cpu: dict[str, float]
    _failure: BaseException | None
    _utc: UtcText
    commit_interval: float
    on_dead_letter: Any

    def _hand_over(self, barrier: bool = False) -> int:
        """Hands everything queued to the sender as one frame and returns the last frame's mark
        (callers hold ``_handoff_lock``). Without ``barrier`` it keeps records queued while
        ``MAX_UNSYNCED`` frames wait for the sender."""
        queue = self._queue
        self._due = time.monotonic() + self.commit_interval
        if not queue or self._failure is not None or (not barrier and self._mark - self._synced >= MAX_UNSYNCED):
            return self._mark
        started = time.thread_time()
        batch = [queue.popleft() for _ in range(len(queue))]
        try:
            body, letters = frame(batch, self._utc)
        except BaseException:  # KeyboardInterrupt while encoding: queue them again
            queue.extendleft(reversed(batch))
            raise
        items = frame_items(batch, len(letters))
        with self._cv:
            self._mark += 1
            mark = self._mark
            self._unsynced.append((mark, [ticket for ticket, _, _ in batch], body))
            self._spooled_items += items
            self._spooled_bytes += len(body)
            self._recorded_items += items
        # After the frame's tickets are in place: the answer may come at once.
        self._link.hand_over(mark, body)
        if items:
            self._mean_bytes = 0.8 * self._mean_bytes + 0.2 * len(body) / items
        for letter in letters:
            self._sender.counters.dead_lettered += 1  # refused by the client itself
            if self.on_dead_letter:
                self.on_dead_letter(DeadLetter.of(letter))
        self._cpu["writer"] += time.thread_time() - started
        return mark

    def _resend(self) -> list[tuple[int, bytes]]:
        """The frames not yet reported durable, for a sender started again (in mark order)."""
        with self._cv:
            return [(mark, body) for mark, _, body in self._unsynced]

    def _idle_loop(self) -> None:
        """Hands over what a caller that stopped recording left queued, ~2 intervals after the last hand-over."""
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
            with self._handoff_lock:
                self._hand_over()
            if self._failure is not None:
                return
