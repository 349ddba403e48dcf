"""The client's side of its sender process (``sender_process``): starts it with the same
interpreter, writes it frames of records (``frames``) and JSON lines (settings, barriers, hurry,
stop, fresh tokens) on its stdin, and hands what it reports (durable frames, confirmations,
counters, retries, dead letters) to the client from one reader thread, which waits on the pipe
without holding the GIL. A sender that dies while the client is open is started again and
first gets the frames not yet reported durable; the spool keeps everything it had not
confirmed.

On the pipe a frame is a line ``#<mark> <length>`` followed by ``length`` bytes of ``marshal``
data; any other line is one JSON message."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from collections import deque
from typing import IO, Any

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

from .delivery import Counters
from .errors import DeliveryError
from .spool import DeadLetter
from .transport import TokenSource

_PACKAGE_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Runs the sender from the folder this package was imported from, whatever the child's sys.path.
_BOOT = "import sys; sys.path.insert(0, sys.argv[1]); from ion_lineage.sender_process import main; main()"


#: The pipe to the sender holds this much (Linux), so a sender that waits a moment for a core
#: does not make the pipeline's hand-over wait for it.
PIPE_BYTES = 1 << 20


def _widen(pipe: IO[bytes] | None) -> None:
    setter = getattr(fcntl, "F_SETPIPE_SZ", None)
    if pipe is None or setter is None:
        return
    try:
        fcntl.fcntl(pipe.fileno(), setter, PIPE_BYTES)
    except OSError:  # above the system's limit for this user: the default size works, a little slower
        pass


class SenderLink:
    """One sender process at a time for one spool directory, restarted if it dies."""

    def __init__(
        self,
        directory: str,
        settings: Callable[[], dict[str, Any]],
        token: TokenSource,
        on_message: Callable[[dict[str, Any]], None],
        unsynced: Callable[[], list[tuple[int, bytes]]],
    ) -> None:
        if not sys.executable:
            raise RuntimeError("ion_lineage needs sys.executable to start its sender process")
        self.directory, self.settings, self.token, self.on_message, self.unsynced = directory, settings, token, on_message, unsynced
        self.closing = False
        self._lock = threading.Lock()
        self._stdin: IO[bytes] | None = None
        self.process = self._start()
        self._reader = threading.Thread(target=self._read, name="ion-lineage-sender-link", daemon=True)
        self._reader.start()

    def _start(self) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(
            [sys.executable, "-c", _BOOT, _PACKAGE_ROOT, self.directory, str(os.getpid())], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        _widen(process.stdin)
        token = None if callable(self.token) else self.token
        settings = {**self.settings(), "token": token, "token_callable": callable(self.token)}
        with self._lock:  # before any frame handed over meanwhile: the settings, then the frames not yet durable
            self._stdin = process.stdin
            self._send((json.dumps(settings, separators=(",", ":")) + "\n").encode())
            for mark, body in self.unsynced():
                self._send(b"#%d %d\n" % (mark, len(body)), body)
        return process

    def write(self, message: dict[str, Any]) -> None:
        """Sends one message; a sender that is gone misses it (its successor reads the spool)."""
        self.write_line((json.dumps(message, separators=(",", ":")) + "\n").encode())

    def hand_over(self, mark: int, body: bytes) -> None:
        """Writes one frame (a sender that is gone misses it: its successor gets it again)."""
        with self._lock:
            self._send(b"#%d %d\n" % (mark, len(body)), body)

    def write_line(self, line: bytes) -> None:
        with self._lock:
            self._send(line)

    def _send(self, *chunks: bytes) -> None:
        """Writes to the sender's stdin (callers hold ``_lock``); the write releases the GIL."""
        if self._stdin is None:
            return
        try:
            for chunk in chunks:
                self._stdin.write(chunk)
            self._stdin.flush()
        except (BrokenPipeError, OSError, ValueError):
            pass

    def _read(self) -> None:
        while True:
            stdout = self.process.stdout
            assert stdout is not None
            for line in stdout:
                message = json.loads(line)
                if "token?" in message:
                    self.write({"token": self.token() if callable(self.token) else self.token})
                else:
                    try:
                        self.on_message(message)
                    except Exception:  # noqa: BLE001 - an on_dead_letter or on_retry that raises must not stop the link
                        logging.getLogger("ion_lineage").exception("ion_lineage: a callback failed")
            self.process.wait()
            if self.closing:
                return
            self.on_message({"restarted": self.process.returncode})
            self.process = self._start()

    def stop(self, timeout: float = 5.0) -> None:
        """Asks the sender to end after the request in flight, and ends it after ``timeout``."""
        self.closing = True
        self.write({"stop": True})
        with self._lock:
            if self._stdin is not None:
                try:
                    self._stdin.close()
                except OSError:
                    pass
                self._stdin = None
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()  # safe: the spool keeps what it did not confirm
            self.process.wait()
        self._reader.join(timeout)


class SenderReports:
    """Mixed into ``LineageClient``: what its sender process reports, applied to the client's
    counters and durability state (on the link's reader thread)."""

    _cv: threading.Condition
    _link: SenderLink
    _sender: Any
    _cpu: dict[str, float]
    _delivered: Counters
    _synced: int
    _unsynced: deque[tuple[int, list[int], bytes]]
    _ahead: set[int]
    _failure: BaseException | None
    _settled_items: int
    _spooled_items: int
    _spooled_bytes: int
    on_dead_letter: Any

    def _advance(self) -> None:
        raise NotImplementedError

    def _on_sender(self, message: dict[str, Any]) -> None:
        """What the sender process reports (on the link's reader thread)."""
        if "counters" in message:
            self._delivered = Counters(**message["counters"])
        if "cpu" in message:
            self._cpu["sender"] = self._cpu.get("sender-before", 0.0) + message["cpu"]
        if "restarted" in message:  # a new process counts its CPU from zero
            self._cpu["sender-before"] = self._cpu["sender"]
        if "failed" in message:  # the sender could not sync the spool: nothing more can count as durable
            with self._cv:
                self._failure = OSError(message["failed"])
                self._cv.notify_all()
        if "synced" in message:  # every frame up to this mark is durable in the spool
            with self._cv:
                self._synced = max(self._synced, message["synced"])
                while self._unsynced and self._unsynced[0][0] <= message["synced"]:
                    self._ahead.update(self._unsynced.popleft()[1])
                self._advance()
                self._cv.notify_all()
        settled = message.get("ack") or message.get("transcoded")
        if settled:
            with self._cv:
                self._settled_items += settled["items"]
                self._spooled_items -= settled["items"]
                self._spooled_bytes += -settled["bytes"] if "ack" in message else settled["bytes"]
                self._cv.notify_all()
        letters = [DeadLetter(*x) for x in message.get("refused", ())] + [DeadLetter.of(tuple(x)) for x in message.get("letters", ())]  # type: ignore[arg-type]
        if self.on_dead_letter:
            for letter in letters:
                self.on_dead_letter(letter)
        retry = message.get("retry")
        if retry and self._sender.on_retry:
            self._sender.on_retry(DeliveryError(retry["message"], retry["code"], True, retry["status"]), retry["attempt"])
