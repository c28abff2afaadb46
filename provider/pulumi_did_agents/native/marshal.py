"""The engine's property bags (``google.protobuf.Struct``) ↔ plain values, with exact secret paths.

Not ``pulumi.runtime.rpc.deserialize_properties``: that one pushes secretness up to the enclosing
object (``llm.custom.key`` secret makes all of ``llm`` secret), turns unknowns into SDK objects and
needs an event loop to serialise. Here a bag decodes to plain values with the core's ``UNKNOWN``
and the set of paths that were secret, and encodes back with secrets wrapped at exactly those paths.

Names: Property names between the engine (camelCase, as in schema.json and YAML) and the core (snake_case).

Driven by the declarations, recursively through nested objects, arrays and maps of objects; the
contents of ``json`` properties (``triggers``, ``voiceConfig``) and the keys of maps are the user's
data and are never renamed. A key the declarations do not know is reported in the user's (engine)
spelling instead of being passed on.

Secrets: Which values the provider sends back as secrets.

The provider accepts secrets (``acceptSecrets``), so the engine keeps a value secret only if the
provider marks it. Two sources: the declarations (``ClientKey.clientKey``, ``llm.custom.key``,
``llm.custom.headers`` …) and whatever arrived secret from the program (a ``pulumi.secret`` or a
secret config value), at the same path.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from google.protobuf import struct_pb2

from ..core import UNKNOWN, ProviderError, is_unknown
from ..spec import Failure, Prop

__all__ = [
    "Bag",
    "Path",
    "declared_secrets",
    "decode",
    "encode",
    "engine_path",
    "from_core",
    "props_by_name",
    "secret_paths",
    "to_core",
]

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


# --- names ---------------------------------------------------------------------------------------


def to_core(props: Sequence[Prop], values: Mapping[str, Any]) -> tuple[dict[str, Any], list[Failure]]:
    """Engine-named ``values`` → core names, and a failure for each key the declarations lack."""
    failures: list[Failure] = []
    return _rename(props, values, inbound=True, prefix="", failures=failures), failures


def from_core(props: Sequence[Prop], values: Mapping[str, Any]) -> dict[str, Any]:
    """Core-named ``values`` → engine names (keys the declarations lack are kept as they are)."""
    return _rename(props, values, inbound=False, prefix="", failures=[])


_DECLARED: dict[tuple[int, bool], tuple[Sequence[Prop], dict[str, Prop]]] = {}


def props_by_name(props: Sequence[Prop], inbound: bool) -> dict[str, Prop]:
    """Props by engine name (``inbound``) or core name. Every engine call renames, and the declarations
    are long-lived constants, so the table is kept per declaration (held, so its ``id`` cannot be
    reused): pass those tuples, not ones built per call, or the cache grows."""
    cached = _DECLARED.get((id(props), inbound))
    if cached is None or cached[0] is not props:
        cached = _DECLARED[(id(props), inbound)] = (
            props,
            {(p.schema_key if inbound else p.name): p for p in props},
        )
    return cached[1]


def _rename(
    props: Sequence[Prop], values: Mapping[str, Any], *, inbound: bool, prefix: str, failures: list[Failure]
) -> dict[str, Any]:
    declared = props_by_name(props, inbound)
    out: dict[str, Any] = {}
    for key, value in values.items():
        prop = declared.get(key)
        path = f"{prefix}.{key}" if prefix else key
        if prop is None:
            if not inbound:
                out[key] = value
            elif not key.startswith("__"):  # the engine's own bookkeeping keys are not the user's
                expected = ", ".join(sorted(declared))
                failures.append(Failure(path, f"unknown property (expected one of: {expected})"))
            continue
        out[prop.name if inbound else prop.schema_key] = _value(prop, value, inbound, path, failures)
    return out


def _value(prop: Prop, value: Any, inbound: bool, path: str, failures: list[Failure]) -> Any:
    """One property's value, renamed wherever the declarations say it holds objects."""
    if prop.kind == "object" and prop.shape is not None and isinstance(value, Mapping):
        return _rename(prop.shape.props, value, inbound=inbound, prefix=path, failures=failures)
    item = prop.items
    if item is None or item.shape is None:
        return value
    if prop.kind == "array" and isinstance(value, list):
        return [_value(item, element, inbound, f"{path}[{i}]", failures) for i, element in enumerate(value)]
    if prop.kind == "map" and isinstance(value, Mapping):
        return {k: _value(item, element, inbound, f"{path}.{k}", failures) for k, element in value.items()}
    return value


_SEGMENT = re.compile(r"^([^.\[]+)((?:\[\d+\])*)(?:\.(.*))?$", re.DOTALL)


def engine_path(props: Sequence[Prop], path: str) -> str:
    """A core property path (``presenter.voice.voice_id``, ``allowed_domains[0]``) in engine names.

    Below a ``json`` property, a map, or a name the declarations lack, the rest is the user's own
    data and is kept verbatim.
    """
    match = _SEGMENT.match(path)
    if not match:
        return path
    name, indexes, rest = match.group(1), match.group(2), match.group(3)
    prop = props_by_name(props, False).get(name)
    if prop is None:
        return path
    head = prop.schema_key + indexes
    if not rest:
        return head
    shape = prop.shape if prop.kind == "object" else prop.items.shape if prop.items is not None else None
    if shape is None or prop.kind == "map":
        return f"{head}.{rest}"
    return f"{head}.{engine_path(shape.props, rest)}"


# --- secrets -------------------------------------------------------------------------------------


def declared_secrets(props: Sequence[Prop], values: Mapping[str, Any], prefix: Path = ()) -> set[Path]:
    """Paths of engine-named ``values`` that the declarations mark secret."""
    found: set[Path] = set()
    declared = props_by_name(props, inbound=True)
    for key, value in values.items():
        prop = declared.get(key)
        if prop is None or value is None:
            continue
        path = (*prefix, key)
        if prop.secret:
            found.add(path)
        elif prop.kind == "object" and prop.shape is not None and isinstance(value, Mapping):
            found |= declared_secrets(prop.shape.props, value, path)
        elif prop.items is not None and prop.items.shape is not None:
            found |= _item_secrets(prop, value, path)
    return found


def _item_secrets(prop: Prop, value: Any, path: Path) -> set[Path]:
    assert prop.items is not None and prop.items.shape is not None
    shape = prop.items.shape
    entries: Iterable[tuple[str | int, Any]] = (
        enumerate(value) if isinstance(value, list) else value.items() if isinstance(value, Mapping) else ()
    )
    found: set[Path] = set()
    for key, element in entries:
        if isinstance(element, Mapping):
            found |= declared_secrets(shape.props, element, (*path, key))
    return found


def secret_paths(props: Sequence[Prop], values: Mapping[str, Any], *received: Iterable[Path]) -> set[Path]:
    """What to mark secret in ``values``: the declared secrets and every path that arrived secret."""
    paths = declared_secrets(props, values)
    for secrets in received:
        paths.update(secrets)
    return paths
