"""The engine's property bags (``google.protobuf.Struct``) ↔ plain values, with exact secret paths.

Not ``pulumi.runtime.rpc.deserialize_properties``: that one pushes secretness up to the enclosing
object (``llm.custom.key`` secret makes all of ``llm`` secret), turns unknowns into SDK objects and
needs an event loop to serialise. Here a bag decodes to plain values with the core's ``UNKNOWN``
and the set of paths that were secret, and encodes back with secrets wrapped at exactly those paths.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from google.protobuf import struct_pb2

from ..core import UNKNOWN, ProviderError, is_unknown

__all__ = ["Bag", "Path", "decode", "encode"]

Path = tuple[str | int, ...]
"""Keys and list indexes from the top of a bag, in the engine's (camelCase) names."""

# The engine's wire constants (pulumi/sdk/go/common/resource/sig and plugin.UnknownStringValue).
UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
SIG_KEY = "4dabf18193072939515e22adb298388d"
SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270"  # noqa: S105 - a type signature, not a password


@dataclass
class Bag:
    """A decoded property bag: values, and where the engine marked them secret."""

    values: dict[str, Any] = field(default_factory=dict)
    secrets: set[Path] = field(default_factory=set)


def decode(struct: struct_pb2.Struct | None) -> Bag:
    bag = Bag()
    if struct is not None:
        bag.values = {key: _decode(value, (key,), bag.secrets) for key, value in struct.fields.items()}
    return bag


def _decode(value: struct_pb2.Value, path: Path, secrets: set[Path]) -> Any:
    kind = value.WhichOneof("kind")
    if kind == "string_value":
        return UNKNOWN if value.string_value == UNKNOWN_SENTINEL else value.string_value
    if kind == "number_value":
        return value.number_value
    if kind == "bool_value":
        return value.bool_value
    if kind == "list_value":
        return [_decode(item, (*path, i), secrets) for i, item in enumerate(value.list_value.values)]
    if kind == "struct_value":
        fields = value.struct_value.fields
        if SIG_KEY in fields:
            if fields[SIG_KEY].string_value != SECRET_SIG:
                raise ProviderError(
                    f"{_dotted(path)}: assets, archives and resource references are not supported"
                )
            secrets.add(path)
            return _decode(fields["value"], path, secrets)
        return {key: _decode(item, (*path, key), secrets) for key, item in fields.items()}
    return None


def encode(values: Mapping[str, Any], secrets: Iterable[Path] = ()) -> struct_pb2.Struct:
    """``values`` as a Struct; the value at each path of ``secrets`` (where present) wrapped as secret."""
    wanted = set(secrets)
    struct = struct_pb2.Struct()
    for key, value in values.items():
        _encode_into(struct.fields[key], value, (key,), wanted)
    return struct


def _encode_into(target: struct_pb2.Value, value: Any, path: Path, secrets: set[Path]) -> None:
    if path in secrets:
        inner = target.struct_value.fields
        inner[SIG_KEY].string_value = SECRET_SIG
        _encode_plain(inner["value"], value, path, set())
        return
    _encode_plain(target, value, path, secrets)


def _encode_plain(target: struct_pb2.Value, value: Any, path: Path, secrets: set[Path]) -> None:
    if value is None:
        target.null_value = struct_pb2.NULL_VALUE
    elif is_unknown(value):
        target.string_value = UNKNOWN_SENTINEL
    elif isinstance(value, bool):
        target.bool_value = value
    elif isinstance(value, int | float):
        target.number_value = value
    elif isinstance(value, str):
        target.string_value = value
    elif isinstance(value, Mapping):
        fields = target.struct_value.fields
        target.struct_value.SetInParent()
        for key, item in value.items():
            _encode_into(fields[key], item, (*path, key), secrets)
    elif isinstance(value, list | tuple):
        target.list_value.SetInParent()
        for index, item in enumerate(value):
            _encode_into(target.list_value.values.add(), item, (*path, index), secrets)
    else:
        raise TypeError(f"{_dotted(path)}: cannot send a {type(value).__name__} to the engine")


def _dotted(path: Path) -> str:
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path).lstrip(".")
