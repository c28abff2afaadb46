"""``pulumi-resource-didagents``: the resources served as a native Pulumi provider plugin.

The same core as the Python dynamic resources, reachable from any program language the engine
runs (YAML included) and from ``pulumi import``. The engine starts the plugin (found on ``PATH`` or
through ``Pulumi.yaml``'s ``plugins: providers:``); it prints its port and serves until the engine
stops it or dies. ``sdk`` declares the same resources from Python programs; ``migrate`` moves a
stack's dynamic resources here.
"""

__all__ = ["main"]


def main() -> None:
    """Entry point of the ``pulumi-resource-didagents`` executable.

    The gRPC server is imported here, not at package import, so programs importing ``.sdk`` do not
    load it.
    """
    from .serve import main as serve

    serve()
