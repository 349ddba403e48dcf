"""Frames: how queued records travel from the pipeline's process to its sender process.

The pipeline's process serializes a batch of queued records with ``marshal`` (C code, about a
microsecond a prediction, no JSON) into one frame and writes it to the sender's stdin. The
sender process turns each frame into spool rows of JSON (``spool_rows``): predictions, which
travel as the call's raw tuples, are built and encoded there, and a prediction JSON cannot hold
(NaN, an arbitrary object) becomes a dead letter naming the field.

``marshal`` takes only plain values (str, int, float, bool, None, tuples, lists, dicts, sets): a
record holding something else (a NumPy scalar, a datetime, a dict subclass) has those values
converted first, and failing that is encoded as JSON at once, or becomes a dead letter in the
pipeline's process. ``marshal`` data is only read from the client's own pipe and spool.
"""

from __future__ import annotations

import marshal
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from .batching import Entry, Letter, RawPrediction, Row, UtcText, letter_for, prediction_text, wire_or_raw
from .wire import iso_time

VERSION = 4  # the marshal format, readable by every Python the client supports
#: The part of a frame's entry that is a dead letter the pipeline's process found itself.
LETTER = "!letter"


def _plain(value: Any) -> Any:
    """A NumPy scalar as its Python value, a datetime as ISO text, a mapping as a dict."""
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, datetime):
        return iso_time(value)
    item = getattr(value, "item", None)
    if callable(item) and getattr(value, "shape", None) == ():
        return item()
    return value


def plain_raw(raw: RawPrediction) -> RawPrediction:
    """A raw prediction whose values ``marshal`` can take, if converting them is enough."""
    run_id, request_id, subject_key, output, score, inputs, attributions, ids, at, item_id = raw
    at = at if type(at) is int or type(at) is str else iso_time(at)
    inputs = None if inputs is None else _plain(inputs)
    if attributions is not None:
        pairs = attributions.items() if isinstance(attributions, Mapping) else attributions
        attributions = tuple((k, _plain(v)) for k, v in pairs)
    return (run_id, request_id, subject_key, output, score, inputs, attributions, ids, at, item_id)


def frame(entries: list[Entry], utc: UtcText) -> tuple[bytes, list[Letter]]:
    """One frame of queued entries, in recorded order, and the dead letters found on the way
    (they travel in the frame too, to be kept in the spool)."""
    records = [(part, payload) for _, part, payload in entries]
    try:
        return marshal.dumps(records, VERSION), []
    except ValueError:  # a value marshal cannot take: look at each record
        pass
    letters: list[Letter] = []
    for i, (part, payload) in enumerate(records):
        if part != "predictions" or type(payload) is not tuple:
            continue
        try:
            marshal.dumps(payload, VERSION)
            continue
        except ValueError:
            pass
        try:
            plain = plain_raw(payload)
            marshal.dumps(plain, VERSION)
            records[i] = (part, plain)
            continue
        except Exception:  # noqa: BLE001 - not plain data even so: encoded as JSON below
            pass
        try:
            records[i] = (part, prediction_text(payload, utc))
        except Exception as error:  # noqa: BLE001 - one bad record must not stop the others
            letter = letter_for("predictions", wire_or_raw(payload, utc), error)
            letters.append(letter)
            records[i] = (LETTER, letter)
    return marshal.dumps(records, VERSION), letters


def frame_items(entries: list[Entry], letters: int) -> int:
    """How many items a frame adds to the spool (a bundle counts its items; dead letters none)."""
    extra = sum(payload[1] - 1 for _, part, payload in entries if part == "bundle")
    return len(entries) + extra - letters


def spool_rows(bodies: list[bytes], utc: UtcText, max_row_items: int, max_row_bytes: int) -> tuple[list[Row], list[Letter], list[Letter]]:
    """Frames as spool rows of JSON in recorded order (consecutive items of one part share an
    array, up to the limits, across frames; a bundle is a row of its own), all their dead
    letters, and those of them found here (the pipeline's process reported the others)."""
    rows: list[Row] = []
    letters: list[Letter] = []
    found: list[Letter] = []
    texts: list[str] = []
    part_of_texts = ""
    size = 0

    def close_row() -> None:
        nonlocal texts, size
        if texts:
            rows.append((part_of_texts, "[" + ",".join(texts) + "]", len(texts)))
            texts, size = [], 0

    for part, payload in (record for body in bodies for record in marshal.loads(body)):
        if part == LETTER:
            letters.append(tuple(payload))  # type: ignore[arg-type]
            continue
        if part == "bundle":
            close_row()
            rows.append(("bundle", payload[0], payload[1]))
            continue
        text = payload
        if type(payload) is not str:
            try:
                text = prediction_text(payload, utc)
            except Exception as error:  # noqa: BLE001 - the record becomes a dead letter naming its field
                found.append(letter_for(part, wire_or_raw(payload, utc), error))
                letters.append(found[-1])
                continue
        if part != part_of_texts or len(texts) >= max_row_items or size + len(text) > max_row_bytes:
            close_row()
            part_of_texts = part
        texts.append(text)
        size += len(text) + 1
    close_row()
    return rows, letters, found
