"""What both front ends need to speak the engine's gRPC: diff responses, one-line errors, status."""

from .diffs import diff_response_fields
from .engine_log import EngineLog, engine_address
from .errors import one_line

__all__ = ["EngineLog", "diff_response_fields", "engine_address", "one_line"]
