"""A prediction's JSON, built from the raw tuple ``run.record_prediction`` queues.

A scoring loop hands ``run.record_prediction`` a raw tuple (no dict, no JSON, no clock text);
the sender process builds each prediction's wire form and encodes it here (``rawrows``), off the
pipeline's process. A record that cannot be encoded (NaN, an object JSON cannot hold) becomes a
dead letter naming its field.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any

from .wire import dumps, iso_time

_str = json.encoder.encode_basestring  # a str as JSON text (the C function)

#: A queued record: (ticket, part, payload). The payload is the item's JSON text, a bundle's
#: ``(text, items)``, or for ``predictions`` a ``RawPrediction``.
Entry = tuple[int, str, Any]
#: (run_id, request_id, subject_key, output, score, inputs, attributions, model_version_ids, at, id);
#: ``at`` is nanoseconds since the epoch (taken at the call), an aware datetime or ISO text.
RawPrediction = tuple[str, str, str, str, Any, Any, Any, tuple[str, ...], Any, Any]
#: A spool row (part, body, items) and a dead letter (part, body, code, message, problems JSON).
Row = tuple[str, str, int]
Letter = tuple[str, str, str, str, str]


class UtcText:
    """Nanoseconds since the epoch → ISO-8601 UTC text, the calendar part cached per second."""

    def __init__(self) -> None:
        self._second = -1
        self._prefix = ""

    def __call__(self, ns: int) -> str:
        second, rest = divmod(ns, 1_000_000_000)
        if second != self._second:
            self._prefix = datetime.fromtimestamp(second, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
            self._second = second
        return f"{self._prefix}.{rest // 1000:06d}+00:00"


def prediction_wire(raw: RawPrediction, utc: UtcText) -> dict[str, Any]:
    """The wire form (PredictionInput's fields, camelCase) of a raw prediction."""
    run_id, request_id, subject_key, output, score, inputs, attributions, model_version_ids, at, item_id = raw
    wire: dict[str, Any] = {
        "id": item_id or f"{run_id}:{request_id}",
        "runId": run_id,
        "requestId": request_id,
        "subjectKey": subject_key,
        "at": utc(at) if type(at) is int else iso_time(at),
        "output": output,
        "modelVersionIds": list(model_version_ids),
    }
    if score is not None:
        wire["score"] = score
    if inputs is not None:
        wire["inputs"] = inputs
    if attributions is not None:  # a dict copy, or (feature, contribution) pairs
        pairs = attributions.items() if type(attributions) is dict else attributions
        wire["attributions"] = [{"feature": k, "contribution": v} for k, v in pairs]
    return wire


def prediction_text(raw: RawPrediction, utc: UtcText) -> str:
    """``dumps(prediction_wire(raw))``, built as text: no dict per record, and the C encoder only
    for ``inputs``. Raises TypeError or ValueError for what JSON cannot hold, like ``dumps``."""
    run_id, request_id, subject_key, output, score, inputs, attributions, model_version_ids, at, item_id = raw
    text = (
        f'{{"id":{_str(item_id or f"{run_id}:{request_id}")},"runId":{_str(run_id)},"requestId":{_str(request_id)},'
        f'"subjectKey":{_str(subject_key)},"at":{_str(utc(at) if type(at) is int else iso_time(at))},"output":{_str(output)},'
        f'"modelVersionIds":[{",".join(map(_str, model_version_ids))}]'
    )
    if score is not None:
        text += f',"score":{score!r}'  # an int or a finite float (checked at the call)
    if inputs is not None:
        text += ',"inputs":' + dumps(inputs)
    if attributions is not None:
        pairs = attributions.items() if type(attributions) is dict else attributions
        text += ',"attributions":[' + ",".join(f'{{"feature":{_str(k)},"contribution":{_number(v)}}}' for k, v in pairs) + "]"
    return text + "}"


def _number(value: Any) -> str:
    if type(value) is float and not value - value:
        return repr(value)
    return dumps(value)  # ints, NumPy scalars; NaN and what is not a number raise


def field_problems(part: str, wire: Any, error: BaseException) -> list[dict[str, str]]:
    """The fields of an item JSON cannot hold, as ``predictions[0].inputs.crp`` paths."""
    problems: list[dict[str, str]] = []

    def visit(path: str, value: Any, depth: int = 0) -> None:
        try:
            dumps(value)
            return
        except Exception as problem:  # noqa: BLE001 - whatever the encoder raises names the field
            message = str(problem) or type(problem).__name__
        children = value.items() if isinstance(value, Mapping) else enumerate(value) if isinstance(value, (list, tuple)) else ()
        before = len(problems)
        for key, child in children if depth < 8 else ():  # a circular structure ends here
            visit(f"{path}[{key}]" if isinstance(key, int) else f"{path}.{key}", child, depth + 1)
        if len(problems) == before:
            problems.append({"path": path, "message": message})

    if isinstance(wire, Mapping):
        for key, value in wire.items():
            visit(f"{part}[0].{key}", value)
    return problems or [{"path": f"{part}[0]", "message": str(error)}]


def wire_or_raw(raw: RawPrediction, utc: UtcText) -> Any:
    """The wire form of a raw prediction for a dead letter, or the raw tuple when even that fails."""
    try:
        return prediction_wire(raw, utc)
    except Exception:  # noqa: BLE001
        return raw


def letter_for(part: str, wire: Any, error: BaseException) -> Letter:
    """A dead letter of an item JSON cannot hold, its problems naming the fields."""
    problems = field_problems(part, wire, error)
    try:
        body = json.dumps(wire, default=repr) if isinstance(wire, Mapping) else json.dumps(repr(wire))
    except Exception:  # noqa: BLE001 - a circular structure: keep what repr shows
        body = json.dumps(repr(wire))
    message = "refused by the client (not encodable as JSON): " + "; ".join(f"{p['path']}: {p['message']}" for p in problems)
    return (part, body, "BAD_USER_INPUT", message, json.dumps(problems))
