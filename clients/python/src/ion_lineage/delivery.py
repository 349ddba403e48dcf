"""The sending side: one thread reads the spool in order, merges consecutive records into one
``ingest(bundle:)`` request, retries with jittered backoff while the server or its graph is away,
and confirms records only once the server has. A record refused for its content is isolated by
splitting the batch in halves and kept as a dead letter with the server's answer."""

from __future__ import annotations

import json
import random
import sqlite3
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .errors import DeliveryError
from .spool import DeadLetter, Spool, SpoolRow
from .transport import Counts, Transport, request_body

#: Most items of one part in one request (the server's batch limit).
MAX_PART_ITEMS = 10_000


@dataclass
class Counters:
    requests: int = 0
    created: int = 0
    unchanged: int = 0
    retries: int = 0
    dead_lettered: int = 0


class Stopped(Exception):
    """The client is closing: the in-flight batch stays in the spool."""


def retry_delay(attempt: int, minimum: float, maximum: float) -> float:
    """Exponential backoff from ``minimum`` to ``maximum`` seconds, each wait randomized ×1–2."""
    return float(min(maximum, minimum * 2 ** max(0, attempt - 1)) * (1 + random.random()))


def row_parts(rows: list[SpoolRow]) -> dict[str, list[str]]:
    """The stored JSON of each part's items, in recorded order (bundles opened up); a row's
    array goes in as its text between the brackets, without parsing it."""
    parts: dict[str, list[str]] = {}
    for row in rows:
        if row.part == "bundle":
            for part, items in json.loads(row.body).items():
                parts.setdefault(part, []).extend(json.dumps(item, separators=(",", ":")) for item in items)
        else:
            parts.setdefault(row.part, []).append(row.body[1:-1] if row.body.startswith("[") else row.body)
    return parts


def split_row(row: SpoolRow) -> list[SpoolRow]:
    """A row of several items as one row per item (same seq), to find the one refused."""
    return [SpoolRow(row.seq, row.part, json.dumps(item, separators=(",", ":"), ensure_ascii=False), 1) for item in json.loads(row.body)]


class Sender:
    """Sends with retries; used by the background thread and by direct ``ingest`` calls."""

    def __init__(
        self,
        transport: Transport,
        stop: threading.Event,
        retry_min: float,
        retry_max: float,
        depth: Callable[[], int],
        on_retry: Callable[[DeliveryError, int], None] | None,
    ) -> None:
        self.transport = transport
        self.stop = stop
        self.retry_min = retry_min
        self.retry_max = retry_max
        self.depth = depth
        self.on_retry = on_retry
        self.counters = Counters()

    def send(self, body: bytes) -> Counts:
        """Sends until the server answers for the content; raises DeliveryError on a refusal."""
        attempt = 0
        while True:
            if self.stop.is_set():
                raise Stopped()
            self.counters.requests += 1
            try:
                return self.transport.deliver(body, self.depth())
            except DeliveryError as error:
                if not error.transient:
                    raise
                attempt += 1
                self.counters.retries += 1
                if self.on_retry:
                    self.on_retry(error, attempt)
                if self.stop.wait(retry_delay(attempt, self.retry_min, self.retry_max)):
                    raise Stopped() from error

    def deliver_rows(self, db: sqlite3.Connection, rows: list[SpoolRow], on_dead_letter: Callable[[DeadLetter], None] | None) -> None:
        """Delivers rows whole when the server takes them, else in halves down to the refused one."""
        work = [rows]
        while work:
            units = work.pop(0)
            try:
                counts = self.send(request_body(row_parts(units)))
            except DeliveryError as error:
                if len(units) == 1 and units[0].part != "bundle" and units[0].body.startswith("["):
                    units = split_row(units[0])  # items are refused (and dead-lettered) one by one
                if len(units) > 1:
                    half = (len(units) + 1) // 2
                    work[:0] = [units[:half], units[half:]]
                    continue
                problems = [{"path": p.path, "message": p.message} for p in error.problems]
                letter = Spool.dead_letter(db, units[0], error.code, error.message, problems)
                self.counters.dead_lettered += 1
                if on_dead_letter:
                    on_dead_letter(letter)
                continue
            for part_counts in counts.values():
                self.counters.created += part_counts.get("created", 0)
                self.counters.unchanged += part_counts.get("unchanged", 0)


def take_batch(rows: Iterable[SpoolRow], max_items: int, max_bytes: int) -> list[SpoolRow]:
    """The longest prefix within the limits (at least one row, so an oversized one is refused, not stuck)."""
    items = size = 0
    per_part: dict[str, int] = {}
    taken: list[SpoolRow] = []
    for row in rows:
        counts = {row.part: row.items} if row.part != "bundle" else {p: len(v) for p, v in json.loads(row.body).items()}
        over = (
            items + row.items > max_items
            or size + len(row.body) > max_bytes
            or any(per_part.get(p, 0) + n > MAX_PART_ITEMS for p, n in counts.items())
        )
        if over and taken:
            break
        taken.append(row)
        items += row.items
        size += len(row.body)
        for p, n in counts.items():
            per_part[p] = per_part.get(p, 0) + n
        if over:
            break
    return taken
