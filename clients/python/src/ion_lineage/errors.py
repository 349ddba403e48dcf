"""Errors the client raises; each says what happened and what the caller can do."""

from __future__ import annotations

from dataclasses import dataclass, field


class LineageClientError(Exception):
    """Base class of the client's errors."""


class SpoolFullError(LineageClientError):
    """The spool holds ``max_spool_bytes`` the server has not confirmed: the item was NOT recorded."""

    def __init__(self, spool_bytes: int, max_spool_bytes: int) -> None:
        super().__init__(
            f"Lineage spool is full ({spool_bytes} of {max_spool_bytes} bytes not yet confirmed by the server); the item was not recorded"
        )
        self.spool_bytes = spool_bytes
        self.max_spool_bytes = max_spool_bytes


class QueueFullError(LineageClientError):
    """More than ``max_queue`` records wait for the disk: the item was NOT recorded; call ``wait_durable()``."""

    def __init__(self, queued: int) -> None:
        super().__init__(f"Lineage queue is full ({queued} records wait for the disk); call client.wait_durable() and record again")
        self.queued = queued


class ClientClosedError(LineageClientError):
    """The client was closed; nothing more can be recorded."""


class SpoolLockedError(LineageClientError):
    """Another live process holds the spool directory."""

    def __init__(self, directory: str) -> None:
        super().__init__(f"Spool directory {directory} is in use by another process; give each client its own spool_dir")
        self.directory = directory


@dataclass
class FieldProblem:
    """One problem with one input field, e.g. ``predictions[3].modelVersionIds[0]``."""

    path: str
    message: str


@dataclass
class DeliveryError(LineageClientError):
    """A delivery the server did not accept. ``transient`` ones are retried; refusals are not."""

    message: str
    #: The server's error code, or NETWORK / HTTP_<status> without a GraphQL answer.
    code: str
    transient: bool
    status: int | None = None
    problems: list[FieldProblem] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"
