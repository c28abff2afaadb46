"""``did-agents migrate``: a dynamic stack's resources to the native plugin (docs/migrating-to-native.md)."""

from ..native.migrate import HELP, NAME, configure, run

__all__ = ["HELP", "NAME", "configure", "run"]
