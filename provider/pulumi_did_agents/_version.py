"""Package version, read from the installed distribution so the User-Agent never drifts from pyproject."""

from importlib import metadata

try:
    __version__ = metadata.version("pulumi-did-agents")
except metadata.PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
