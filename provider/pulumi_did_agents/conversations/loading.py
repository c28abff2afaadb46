"""Reading a cases file into a :class:`CaseFile`, with one-line errors naming file, case and field."""

from __future__ import annotations

import difflib
import os
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .cases import Case, CaseFile, Turn

__all__ = ["CasesFileError", "load_cases", "parse_cases"]


class CasesFileError(ValueError):
    """A cases file cannot be read or does not follow the schema; the message is one line."""


def load_cases(path: str | os.PathLike[str]) -> CaseFile:
    """Read and validate a ``conversations.yaml``; raise :class:`CasesFileError` on any problem."""
    source = os.fspath(path)
    try:
        text = Path(source).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CasesFileError(f"{source}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CasesFileError(f"{source}: cannot be read: {exc}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise CasesFileError(f"{source}: {_yaml_problem(exc)}") from None
    return parse_cases(data, source=source)


def parse_cases(data: Any, *, source: str = "<cases>") -> CaseFile:
    """Validate already-parsed data (e.g. a dict built in code); ``source`` names it in errors."""
    if data is None:
        raise CasesFileError(f"{source}: the file is empty (expected a mapping with 'cases')")
    if not isinstance(data, dict):
        raise CasesFileError(f"{source}: expected a mapping with 'cases', got a {type(data).__name__}")
    try:
        case_file = CaseFile.model_validate(data)
    except ValidationError as exc:
        # A misspelt key also makes the real one "missing": name the misspelling first.
        errors = sorted(exc.errors(), key=lambda error: error["type"] == "missing")
        message = _describe(errors[0], data)
        if len(errors) > 1:
            message += f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
        raise CasesFileError(f"{source}: {message}") from None
    case_file._source = source
    return case_file


def _yaml_problem(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    if mark is None:
        return f"invalid YAML: {problem}"
    return f"invalid YAML at line {mark.line + 1}, column {mark.column + 1}: {problem}"


def _describe(error: ErrorDetails, data: dict[str, Any]) -> str:
    """``case 'x': turns[1].facts[0]: <problem>`` for one pydantic error."""
    loc = list(error["loc"])
    prefix = ""
    model: type[BaseModel] = CaseFile
    if len(loc) >= 2 and loc[0] == "cases" and isinstance(loc[1], int):
        prefix = f"{_case_label(data, loc[1])}: "
        loc = loc[2:]
        # Only an unknown key needs its model (to list the known ones): ("turns", i, key) is a turn's.
        model = Turn if len(loc) == 3 and loc[0] == "turns" and isinstance(loc[1], int) else Case
    field = _render_loc(loc)
    problem = _problem(error, model)
    return f"{prefix}{field}: {problem}" if field else f"{prefix}{problem}"


def _case_label(data: dict[str, Any], index: int) -> str:
    cases = data.get("cases")
    case = cases[index] if isinstance(cases, list) and index < len(cases) else None
    name = case.get("name") if isinstance(case, dict) else None
    return f"case {name!r}" if isinstance(name, str) and name.strip() else f"cases[{index}]"


def _render_loc(loc: list[int | str]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_PLAIN = {
    "list_type": "expected a list",
    "model_type": "expected a mapping",
    "dict_type": "expected a mapping",
    "model_attributes_type": "expected a mapping",
    "float_parsing": "expected a number",
    "float_type": "expected a number",
    "string_type": "expected a string",
}


def _problem(error: ErrorDetails, model: type[BaseModel]) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        name = str(error["loc"][-1])
        fields = list(model.model_fields)
        close = difflib.get_close_matches(name, fields, n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"expected one of: {', '.join(fields)}"
        return f"unknown field ({hint})"
    if kind == "missing":
        return "required"
    if kind == "too_short":
        return "must not be empty"
    message = _PLAIN.get(kind) or error["msg"].removeprefix("Value error, ")
    value = error.get("input")
    if kind != "value_error" and isinstance(value, str | int | float | bool) and not isinstance(value, dict):
        message += f" (got {value!r})"
    return message
