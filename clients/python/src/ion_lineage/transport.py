"""One delivery over HTTP (standard library ``urllib``): the ``ingest(bundle:)`` mutation with the
client's headers, and the answer sorted into confirmed, worth retrying, or refused for good."""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Union

from .errors import DeliveryError, FieldProblem
from .models import PARTS

INGEST_MUTATION = (
    "mutation Ingest($bundle: IngestBundleInput!) { ingest(bundle: $bundle) { "
    + " ".join(f"{part} {{ created unchanged }}" for part in PARTS)
    + " } }"
)

#: Answers that refuse a record for its content: retrying cannot help, so it is dead-lettered.
#: Everything else (network, 5xx, 404, GRAPH_UNAVAILABLE, INTERNAL, a refused token) is a state
#: of the service or of the configuration and is retried, so nothing is dropped.
REFUSAL_CODES = frozenset({"BAD_USER_INPUT", "CONFLICT", "LIMIT_EXCEEDED"})

Counts = dict[str, dict[str, int]]
TokenSource = Union[str, Callable[[], str], None]


def request_body(parts: Mapping[str, Sequence[str]]) -> bytes:
    """The request body built from the stored JSON text of each part's items, without re-parsing."""
    fields = [f'"{part}":[{",".join(parts[part])}]' for part in PARTS if parts.get(part)]
    return ('{"query":' + json.dumps(INGEST_MUTATION) + ',"variables":{"bundle":{' + ",".join(fields) + "}}}").encode()


def classify(status: int, text: str) -> Counts | DeliveryError:
    """The per-part counts when the server confirmed the delivery, else a DeliveryError."""
    try:
        body: Any = json.loads(text)
    except ValueError:
        body = None
    errors = body.get("errors") if isinstance(body, dict) else None
    if errors:
        first = errors[0] or {}
        extensions = first.get("extensions") or {}
        code = extensions.get("code") or f"HTTP_{status}"
        problems = [FieldProblem(p.get("path", ""), p.get("message", "")) for p in extensions.get("problems") or []]
        # A CONFLICT without field problems is a race with another writer of the same ids.
        refused = (code in REFUSAL_CODES and (code != "CONFLICT" or bool(problems))) or status == 413
        return DeliveryError(first.get("message") or "request refused", code, not refused, status, problems)
    data = body.get("data") if isinstance(body, dict) else None
    if 200 <= status < 300 and isinstance(data, dict) and isinstance(data.get("ingest"), dict):
        return {part: counts for part, counts in data["ingest"].items() if counts}
    return DeliveryError(f"HTTP {status}: {text[:200] or 'empty answer'}", f"HTTP_{status}", status != 413, status)


@dataclass
class Transport:
    url: str
    client_id: str
    token: TokenSource
    timeout: float

    def deliver(self, body: bytes, spool_depth: int) -> Counts:
        """Sends one body; returns the counts or raises DeliveryError."""
        token = self.token() if callable(self.token) else self.token
        headers = {
            "content-type": "application/json",
            "x-ion-sdk-client": self.client_id,
            "x-ion-sdk-spool-depth": str(spool_depth),
        }
        if token:
            headers["authorization"] = f"Bearer {token}"
        request = urllib.request.Request(self.url, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                status, text = response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode("utf-8", "replace")
        except (urllib.error.URLError, socket.timeout, ConnectionError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise DeliveryError(f"Network error: {reason}", "NETWORK", True) from error
        answer = classify(status, text)
        if isinstance(answer, DeliveryError):
            raise answer
        return answer
