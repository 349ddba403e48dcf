"""Items to wire form: camelCase keys, ``None`` left out, times as ISO-8601 text, compact JSON.

The plan of each class (which attribute goes to which key, and how) is computed once, so
encoding a prediction in a scoring loop costs a few microseconds.
"""

from __future__ import annotations

import dataclasses
import json
import re
import typing
from collections.abc import Mapping
from datetime import datetime
from typing import Any

_PLAIN, _TIME, _NESTED, _LIST, _OBJECT = range(5)
_PLANS: dict[type, tuple[tuple[str, str, int], ...]] = {}


def wire_name(attribute: str) -> str:
    """``pipeline_node_id`` → ``pipelineNodeId``; a trailing ``_`` (``from_``) is dropped."""
    return re.sub(r"_([a-z0-9])", lambda m: m.group(1).upper(), attribute.rstrip("_"))


def _kind(hint: Any) -> int:
    union = typing.get_origin(hint) is typing.Union or type(hint).__name__ == "UnionType"
    args = [a for a in typing.get_args(hint) if a is not type(None)] if union else [hint]
    if datetime in args:
        return _TIME
    for arg in args:
        origin = typing.get_origin(arg)
        if origin is not None and origin.__name__ == "Sequence":
            (item,) = typing.get_args(arg)
            return _NESTED if dataclasses.is_dataclass(item) else _LIST
        if origin is not None and origin.__name__ == "Mapping":
            return _OBJECT
    return _PLAIN


def _plan(cls: type) -> tuple[tuple[str, str, int], ...]:
    hints = typing.get_type_hints(cls)
    plan = tuple((f.name, wire_name(f.name), _kind(hints[f.name])) for f in dataclasses.fields(cls))
    _PLANS[cls] = plan
    return plan


def iso_time(value: datetime | str) -> str:
    """An aware datetime as ISO-8601 text; strings pass as they are (the server checks them)."""
    if isinstance(value, str):
        return value
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{value!r} has no timezone; use datetime.now(timezone.utc) or an aware datetime")
    return value.isoformat()


def to_wire(item: Any) -> dict[str, Any]:
    """The wire form of an item (a contract dataclass, or a dict already in wire form)."""
    if isinstance(item, dict):
        return item
    plan = _PLANS.get(type(item)) or _plan(type(item))
    out: dict[str, Any] = {}
    for attribute, key, kind in plan:
        value = getattr(item, attribute)
        if value is None:
            continue
        if kind == _TIME:
            value = iso_time(value)
        elif kind == _NESTED:
            value = [to_wire(v) for v in value]
        elif kind == _LIST:
            value = list(value)
        elif kind == _OBJECT and not isinstance(value, dict):
            value = dict(value)
        out[key] = value
    return out


def _default(value: Any) -> Any:
    # numpy scalars and arrays, datetimes and other mappings inside JSON fields.
    if hasattr(value, "item") and callable(value.item) and getattr(value, "shape", None) == ():
        return value.item()
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, datetime):
        return iso_time(value)
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


_encoder = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False, allow_nan=False, default=_default)


def dumps(value: Any) -> str:
    """Compact JSON; NaN and infinities are refused here rather than by the server."""
    return _encoder.encode(value)


def encode_item(item: Any) -> str:
    """One item as compact JSON text, as it is spooled and sent."""
    return _encoder.encode(to_wire(item))


def bundle_parts(bundle: Any) -> dict[str, list[dict[str, Any]]]:
    """A bundle (``IngestBundleInput`` or a dict of wire part names) as ``{part: [wire items]}``."""
    from .models import PARTS

    if isinstance(bundle, dict):
        raw = bundle
    else:
        raw = {wire_name(f.name): getattr(bundle, f.name) for f in dataclasses.fields(bundle)}
    unknown = set(raw) - set(PARTS)
    if unknown:
        raise ValueError(f"unknown bundle parts: {sorted(unknown)}")
    return {part: [to_wire(i) for i in raw[part]] for part in PARTS if raw.get(part)}
