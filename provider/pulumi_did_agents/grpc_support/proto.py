"""Pulumi's generated gRPC modules, without importing the ``pulumi`` package first.

``import pulumi.runtime.proto`` runs ``pulumi/__init__.py``, which imports the whole SDK (asyncio,
the runtime, automation: about 80 ms), and the native plugin would pay that at every start before the
engine can send its first call. The generated modules need only protobuf and grpc, so, unless the
SDK is already loaded (a program, the dynamic provider host), they are imported from the SDK's own
files under a private package name. protobuf keys message classes by descriptor, so a message built
with either copy is the same class.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from pathlib import Path
from typing import Any

__all__ = ["load"]

_PRIVATE = "pulumi_did_agents._pulumi_proto"


def _package() -> str:
    if "pulumi.runtime.proto" in sys.modules:
        return "pulumi.runtime.proto"
    if _PRIVATE not in sys.modules:
        spec = importlib.util.find_spec("pulumi")  # finds the top-level package without running it
        if spec is None or not spec.submodule_search_locations:
            return "pulumi.runtime.proto"
        package = types.ModuleType(_PRIVATE, __doc__)
        package.__path__ = [str(Path(next(iter(spec.submodule_search_locations)), "runtime", "proto"))]
        package.__package__ = _PRIVATE
        sys.modules[_PRIVATE] = package
    return _PRIVATE


def load(name: str) -> Any:
    """The generated module ``name`` (``"provider_pb2"``, ``"engine_pb2_grpc"`` …)."""
    return importlib.import_module(f"{_package()}.{name}")
