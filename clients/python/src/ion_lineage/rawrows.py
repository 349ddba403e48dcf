"""Raw prediction rows: the pipeline's process spools what ``run.record_prediction`` queued as it is,
and the sender process makes it JSON.

The writer thread serializes a batch of the call's tuples with ``marshal`` (C code, about a
microsecond a prediction and no JSON), so encoding never runs on the pipeline's CPU or holds its
GIL. The sender process reads such a row, builds each prediction's JSON text (``batching``) and,
in one transaction, rewrites the row as JSON with the dead letters of what JSON cannot hold
(NaN, an arbitrary object), naming the field, before it sends the row.

``marshal`` takes only plain values (str, int, float, bool, None, tuples, lists, dicts, sets):
a record holding something else (a NumPy scalar, a datetime, a dict subclass) has those values
converted first, and failing that is encoded as JSON at once. ``marshal`` data is read only
from the spool, which only the pipeline's user may write (the directory is 0700).
"""

from __future__ import annotations

import marshal
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from .batching import Entry, Letter, RawPrediction, Row, UtcText, letter_for, prediction_text, prediction_wire, wire_or_raw
from .wire import iso_time

VERSION = 4  # the marshal format, readable by every Python the client supports


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


def _plain_raw(raw: RawPrediction) -> RawPrediction:
    run_id, request_id, subject_key, output, score, inputs, attributions, ids, at, item_id = raw
    at = at if type(at) is int or type(at) is str else iso_time(at)
    inputs = None if inputs is None else _plain(inputs)
    if attributions is not None:
        pairs = attributions.items() if isinstance(attributions, Mapping) else attributions
        attributions = tuple((k, _plain(v)) for k, v in pairs)
    return (run_id, request_id, subject_key, output, score, inputs, attributions, ids, at, item_id)


def pack(raws: list[RawPrediction], utc: UtcText, max_bytes: int) -> tuple[list[Row], list[Letter]]:
    """Spool rows of raw predictions, in recorded order: one ``marshal`` row for the whole batch
    when it can (split in halves beyond ``max_bytes``), else per record."""
    try:
        body = marshal.dumps(raws, VERSION)
    except ValueError:
        return _pack_each(raws, utc, max_bytes)
    if len(body) > max_bytes and len(raws) > 1:
        half = len(raws) // 2
        first, second = pack(raws[:half], utc, max_bytes), pack(raws[half:], utc, max_bytes)
        return first[0] + second[0], first[1] + second[1]
    return [("predictions", body, len(raws))], []


def _pack_each(raws: list[RawPrediction], utc: UtcText, max_bytes: int) -> tuple[list[Row], list[Letter]]:
    rows: list[Row] = []
    letters: list[Letter] = []
    group: list[RawPrediction] = []

    def close_group() -> None:
        if group:
            rows.extend(pack(list(group), utc, max_bytes)[0])
            group.clear()

    for raw in raws:
        try:
            plain = _plain_raw(raw)
            marshal.dumps(plain, VERSION)
            group.append(plain)
            continue
        except Exception:  # noqa: BLE001 - not plain data even so: encoded as JSON below
            pass
        close_group()
        try:
            rows.append(("predictions", "[" + prediction_text(raw, utc) + "]", 1))
        except Exception as error:  # noqa: BLE001 - one bad record must not stop the writer
            letters.append(letter_for("predictions", wire_or_raw(raw, utc), error))
    close_group()
    return rows, letters


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


def encode_batch(entries: list[Entry], utc: UtcText, max_row_items: int, max_row_bytes: int) -> tuple[list[Row], list[Letter]]:
    """Spool rows for queued entries, in recorded order: consecutive raw predictions share a raw
    row, consecutive JSON items of one part a JSON array (up to the limits); a bundle is a row
    of its own."""
    rows: list[Row] = []
    letters: list[Letter] = []
    texts: list[str] = []
    part_of_texts = ""
    size = 0

    raws: list[RawPrediction] = []

    def close_raws() -> None:
        if raws:
            packed, refused = pack(raws, utc, max_row_bytes)
            rows.extend(packed)
            letters.extend(refused)
            raws.clear()

    def close_row() -> None:
        nonlocal texts, size
        if texts:
            rows.append((part_of_texts, "[" + ",".join(texts) + "]", len(texts)))
            texts, size = [], 0

    for _, part, payload in entries:
        if part == "bundle":
            close_raws()
            close_row()
            rows.append(("bundle", payload[0], payload[1]))
            continue
        if type(payload) is not str:
            close_row()
            raws.append(payload)
            if len(raws) >= max_row_items:
                close_raws()
            continue
        close_raws()
        text = payload
        if part != part_of_texts or len(texts) >= max_row_items or size + len(text) > max_row_bytes:
            close_row()
            part_of_texts = part
        texts.append(text)
        size += len(text) + 1
    close_raws()
    close_row()
    return rows, letters
