"""The durable spool: one SQLite database (standard library) in WAL mode with synchronous=FULL.

A record counts as recorded once the transaction holding it has committed (SQLite syncs the
write-ahead log before the commit returns); the sender process commits the records of one or
more handed-over frames in one transaction, consecutive items of one part in one row. It leaves the spool only when the server has
confirmed it (the rows up to a confirmed sequence number are deleted in one transaction), so a
crash at any point loses nothing durable and at worst sends a confirmed batch again, which the
server answers ``unchanged`` (ids are idempotency keys). An exclusive ``flock`` on the directory's
``lock`` file keeps one process per spool; the kernel releases it when the process dies, even
by ``kill -9``.

Predictions are spooled as JSON, with the dead letters of what JSON cannot hold, by the sender
process (``sender_spooler``). Raw rows (the call's tuples, serialized by ``marshal``) are only
found in spools an earlier client version left; ``rawrows`` still reads and sends them.

Layout of the directory: ``spool.sqlite3`` (tables ``records``, ``dead_letters``, ``meta``) with
its ``-wal`` and ``-shm`` files, ``lock`` (held by the client) and ``sender.lock`` (held by its
sender process, so a restarted client's sender waits for a leftover one to end).
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import uuid
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import IO, Any

from .errors import SpoolLockedError

try:  # POSIX; elsewhere the single-process rule is the caller's to keep.
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS records (seq INTEGER PRIMARY KEY, part TEXT NOT NULL, body TEXT NOT NULL, items INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS dead_letters (seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, part TEXT NOT NULL, body TEXT NOT NULL,
  code TEXT NOT NULL, message TEXT NOT NULL, problems TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


@dataclass(frozen=True, slots=True)
class SpoolRow:
    """One spooled row: ``items`` items of ``part`` (a JSON array; one object in spools of
    earlier versions), a whole bundle (``part == "bundle"``, a JSON object of parts), or raw
    predictions not yet encoded as JSON (``body`` is bytes, see ``rawrows``)."""

    seq: int
    part: str
    body: str | bytes
    items: int


@dataclass(frozen=True, slots=True)
class DeadLetter:
    """A record the server refused for its content, with the server's answer."""

    at: str
    part: str
    item: Any
    code: str
    message: str
    problems: list[dict[str, str]]

    @staticmethod
    def of(letter: tuple[str, str, str, str, str]) -> DeadLetter:
        """A dead letter the client refused itself (see ``Spool.append``)."""
        part, body, code, message, problems = letter
        return DeadLetter(datetime.now(timezone.utc).isoformat(), part, json.loads(body), code, message, json.loads(problems))


def connect(path: str, *, fsync: bool = True) -> sqlite3.Connection:
    """A connection to the spool database at ``path`` in autocommit mode; write transactions are
    opened explicitly."""
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=60)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute(f"PRAGMA synchronous={'FULL' if fsync else 'OFF'}")
    return db


class Spool:
    """The spool's database; each thread that uses it opens its own ``connect()``ion."""

    def __init__(self, directory: str | os.PathLike[str], *, fsync: bool = True) -> None:
        self.directory = os.fspath(directory)
        # Records hold subject data (keys, inputs): only the pipeline's user may read them. SQLite
        # gives the -wal and -shm files the database file's permissions.
        os.makedirs(self.directory, mode=0o700, exist_ok=True)
        self.path = os.path.join(self.directory, "spool.sqlite3")
        os.close(os.open(self.path, os.O_CREAT | os.O_RDWR, 0o600))
        self.fsync = fsync
        self._lock: IO[str] | None = os.fdopen(os.open(os.path.join(self.directory, "lock"), os.O_CREAT | os.O_RDWR, 0o600), "r+")
        if fcntl is not None:
            try:
                fcntl.flock(self._lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                self._lock.close()
                self._lock = None
                raise SpoolLockedError(self.directory) from None
        with self.connect() as db:
            db.executescript(_SCHEMA)

    def connect(self) -> sqlite3.Connection:
        """A connection in autocommit mode; write transactions are opened explicitly."""
        return connect(self.path, fsync=self.fsync)

    def client_id(self, db: sqlite3.Connection) -> str:
        """An id kept in the spool, so metrics follow one pipeline across restarts."""
        row = db.execute("SELECT value FROM meta WHERE key = 'client-id'").fetchone()
        if row:
            return str(row[0])
        value = f"{socket.gethostname()}-{uuid.uuid4().hex[:8]}"
        db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('client-id', ?)", (value,))
        return str(db.execute("SELECT value FROM meta WHERE key = 'client-id'").fetchone()[0])

    @staticmethod
    def depth(db: sqlite3.Connection) -> tuple[int, int, int]:
        """Rows, items and bytes not yet confirmed."""
        rows, items, size = db.execute("SELECT count(*), coalesce(sum(items), 0), coalesce(sum(length(body)), 0) FROM records").fetchone()
        return int(rows), int(items), int(size)

    @staticmethod
    def append(
        db: sqlite3.Connection, rows: Sequence[tuple[str, str | bytes, int]], letters: Sequence[tuple[str, str, str, str, str]] = (), *, in_transaction: bool = False
    ) -> None:
        """Appends ``(part, body, items)`` rows (``body`` JSON text, or bytes of raw predictions), and dead letters ``(part, body, code, message,
        problems)`` the client refused itself, in one transaction (or the caller's); durable when
        this returns."""
        if not rows and not letters:
            return
        if in_transaction:
            Spool._insert(db, rows, letters)
            return
        if len(rows) == 1 and not letters:  # one statement is a transaction of its own: one call into SQLite, not three
            db.execute("INSERT INTO records (part, body, items) VALUES (?, ?, ?)", rows[0])
            return
        db.execute("BEGIN IMMEDIATE")
        try:
            Spool._insert(db, rows, letters)
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    @staticmethod
    def _insert(db: sqlite3.Connection, rows: Sequence[tuple[str, str | bytes, int]], letters: Sequence[tuple[str, str, str, str, str]]) -> None:
        if rows:
            db.executemany("INSERT INTO records (part, body, items) VALUES (?, ?, ?)", rows)
        if letters:
            at = datetime.now(timezone.utc).isoformat()
            db.executemany("INSERT INTO dead_letters (at, part, body, code, message, problems) VALUES (?, ?, ?, ?, ?, ?)", [(at, *x) for x in letters])

    @staticmethod
    def scan(db: sqlite3.Connection) -> Generator[SpoolRow, None, None]:
        """The unconfirmed rows in recorded order, fetched as they are consumed."""
        for row in db.execute("SELECT seq, part, body, items FROM records ORDER BY seq"):
            yield SpoolRow(*row)

    def items(self) -> Iterator[tuple[str, Any]]:
        """Every unconfirmed item as ``(part, wire item)``, in recorded order (bundles as one item)."""
        from .rawrows import wire_items

        db = self.connect()
        try:
            for row in Spool.scan(db):
                body = wire_items(row.body) if isinstance(row.body, bytes) else json.loads(row.body)
                yield from ((row.part, item) for item in (body if isinstance(body, list) else [body]))
        finally:
            db.close()

    @staticmethod
    def ack(db: sqlite3.Connection, last_seq: int) -> None:
        """The server confirmed every row up to ``last_seq``: they leave the spool."""
        db.execute("DELETE FROM records WHERE seq <= ?", (last_seq,))

    @staticmethod
    def dead_letter(db: sqlite3.Connection, row: SpoolRow, code: str, message: str, problems: Sequence[dict[str, str]]) -> DeadLetter:
        """Keeps a refused record with the server's answer (it leaves ``records`` with its batch)."""
        at = datetime.now(timezone.utc).isoformat()
        db.execute(
            "INSERT INTO dead_letters (at, part, body, code, message, problems) VALUES (?, ?, ?, ?, ?, ?)",
            (at, row.part, row.body, code, message, json.dumps(list(problems))),
        )
        return DeadLetter(at, row.part, json.loads(row.body), code, message, list(problems))

    @staticmethod
    def dead_letters(db: sqlite3.Connection) -> list[DeadLetter]:
        return [
            DeadLetter(at, part, json.loads(body), code, message, json.loads(problems))
            for at, part, body, code, message, problems in db.execute(
                "SELECT at, part, body, code, message, problems FROM dead_letters ORDER BY seq"
            )
        ]

    def close(self) -> None:
        """Releases the directory for the next process."""
        if self._lock is not None:
            self._lock.close()
            self._lock = None
