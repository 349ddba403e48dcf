"""Prints the contract classes as JSON, in GraphQL terms, for the repository's drift test.

``python -m ion_lineage.contract`` → ``{"PredictionInput": {"fields": {"subjectKey": "String!",
...}}, "enums": {...}}``: each field's wire name and GraphQL type (``!`` when required, lists as
``[T!]``, enums by their values).
"""

from __future__ import annotations

import dataclasses
import json
import sys
import typing
from datetime import datetime
from typing import Any

from .models import INPUT_TYPES
from .wire import wire_name

_SCALARS = {str: "String", int: "Int", float: "Float", bool: "Boolean"}


def graphql_type(hint: Any) -> str:
    """The GraphQL type a Python annotation stands for (nullable unless the caller adds ``!``)."""
    args = typing.get_args(hint)
    if type(None) in args:
        rest = [a for a in args if a is not type(None)]
        hint = rest[0] if len(rest) == 1 else typing.Union[tuple(rest)]
        args = typing.get_args(hint)
    if datetime in args:
        return "DateTime"
    origin = typing.get_origin(hint)
    if origin is typing.Literal:
        return "enum(" + ",".join(sorted(args)) + ")"
    if origin is not None and origin.__name__ == "Mapping":
        return "JSONObject"
    if origin is not None and origin.__name__ == "Sequence":
        return f"[{graphql_type(args[0])}!]"
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return hint.__name__
    return _SCALARS[hint]


def describe() -> dict[str, dict[str, str]]:
    """Every contract class: wire field name → GraphQL type."""
    out: dict[str, dict[str, str]] = {}
    for cls in INPUT_TYPES:
        hints = typing.get_type_hints(cls)
        fields: dict[str, str] = {}
        for field in dataclasses.fields(cls):
            required = field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
            fields[wire_name(field.name)] = graphql_type(hints[field.name]) + ("!" if required else "")
        out[cls.__name__] = fields
    return out


if __name__ == "__main__":
    json.dump(describe(), sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")
