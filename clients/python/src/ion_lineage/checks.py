"""Call-time checks of ``run.record_prediction``'s arguments: the slow paths, taken only when an
argument is not already of the expected plain type. Each raises TypeError or ValueError naming
the argument, and nothing is recorded. What costs more to check (every value inside ``inputs``)
is found when the record is encoded (at hand-over or in the sender process), and the record
becomes a dead letter naming the field."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any


def check_text(**arguments: Any) -> None:
    for name, value in arguments.items():
        if not isinstance(value, str):
            raise TypeError(f"record_prediction: {name} must be a str, not {type(value).__name__}")


def check_score(score: Any) -> float | int:
    """An int or a finite float (NumPy scalars are converted)."""
    if isinstance(score, bool) or not hasattr(score, "__float__"):
        raise TypeError(f"record_prediction: score must be a number, not {type(score).__name__}")
    if isinstance(score, int):
        return score
    value = float(score)
    if value - value:  # NaN or an infinity: JSON has neither
        raise ValueError(f"record_prediction: score must be finite, not {value}")
    return value


def check_mapping(name: str, value: Any) -> dict[str, Any]:
    """A copy (one level deep) of a mapping, so the caller may reuse the object."""
    if not isinstance(value, Mapping):
        raise TypeError(f"record_prediction: {name} must be a mapping, not {type(value).__name__}")
    return dict(value)


def check_attributions(value: Any) -> dict[str, Any] | tuple[tuple[str, Any], ...]:
    """A mapping feature → contribution (copied), or a sequence of AttributionInput as pairs."""
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, Sequence) and not isinstance(value, str):
        try:
            return tuple((a.feature, a.contribution) for a in value)
        except AttributeError:
            pass
    raise TypeError("record_prediction: attributions must be a mapping feature → contribution or a sequence of AttributionInput")


def check_ids(value: Any) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Sequence) or not all(isinstance(v, str) for v in value):
        raise TypeError("record_prediction: model_version_ids must be a sequence of str ids")
    return tuple(value)


def check_at(value: Any) -> None:
    if not isinstance(value, (datetime, str)):
        raise TypeError(f"record_prediction: at must be an aware datetime or ISO-8601 text, not {type(value).__name__}")
    if isinstance(value, datetime) and (value.tzinfo is None or value.utcoffset() is None):
        raise ValueError(f"record_prediction: at has no timezone ({value!r}); use an aware datetime")
