"""Raw prediction rows left in a spool by an earlier version of the client, which spooled the
call's tuples as ``marshal`` bytes in the pipeline's process: the sender process rewrites such a
row as JSON before it sends it (with the dead letters of what JSON cannot hold), and
``Spool.items`` reads it. This version spools JSON only (see ``frames``).
"""

from __future__ import annotations

import marshal
from typing import Any

from .batching import Letter, UtcText, letter_for, prediction_text, prediction_wire, wire_or_raw


def wire_items(body: bytes) -> list[dict[str, Any]]:
    """The wire form of each prediction of a raw row (to read a spool, not to send it)."""
    utc = UtcText()
    return [prediction_wire(raw, utc) for raw in marshal.loads(body)]


def transcode(body: bytes, utc: UtcText) -> tuple[str | None, int, list[Letter]]:
    """A raw row as a JSON array (None when nothing in it can be sent), its item count, and the
    dead letters of the predictions JSON cannot hold."""
    texts: list[str] = []
    letters: list[Letter] = []
    for raw in marshal.loads(body):
        try:
            texts.append(prediction_text(raw, utc))
        except Exception as error:  # noqa: BLE001 - the record becomes a dead letter naming its field
            letters.append(letter_for("predictions", wire_or_raw(raw, utc), error))
    return ("[" + ",".join(texts) + "]" if texts else None), len(texts), letters
