"""The schema of ``conversations.yaml`` (a file of cases, each a conversation of checked turns), and
reading one into a :class:`CaseFile`, with one-line errors naming file, case and field.

```yaml
threshold: 1.0                      # default pass mark of every case (fraction of expectations met)
forbidden: ["as an AI language model"]   # never acceptable in any answer
cases:
  - name: warranty-length
    turns:
      - user: How long is the warranty on the R2?
        facts: ["37-month", "/3[0-9]-month/"]    # substrings, or regexes written /…/
        citations: ["Acme R2 owner's handbook"]  # a document title or id among the turn's matches
```
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    model_validator,
)
from pydantic_core import ErrorDetails

from .scoring import compile_pattern

__all__ = ["Case", "CaseFile", "CasesFileError", "MAX_MESSAGE_LENGTH", "Turn", "load_cases", "parse_cases"]

MAX_MESSAGE_LENGTH = 2000
"""D-ID refuses longer user messages."""


def _valid_pattern(text: str) -> str:
    compile_pattern(text)  # raises ValueError naming the problem
    return text


def _not_blank(text: str) -> str:
    if not text.strip():
        raise ValueError("must not be empty")
    return text


PatternText = Annotated[str, AfterValidator(_valid_pattern)]
NonBlank = Annotated[str, AfterValidator(_not_blank)]
Threshold = Annotated[float, Field(ge=0.0, le=1.0)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


class Turn(_Strict):
    """One user message and what the agent's answer to it must (and must not) contain."""

    user: Annotated[NonBlank, Field(max_length=MAX_MESSAGE_LENGTH)]
    facts: list[PatternText] = Field(default_factory=list)
    """Each must be found in the answer."""
    citations: list[NonBlank] = Field(default_factory=list)
    """Each (a document title, case-insensitive, or a document id) must be among the answer's matches."""
    forbidden: list[PatternText] = Field(default_factory=list)
    """None may be found in the answer; one that is fails the case whatever its score."""

    @model_validator(mode="before")
    @classmethod
    def _plain_message(cls, value: Any) -> Any:
        # A turn written as a bare string is a message with nothing to check (e.g. a set-up turn).
        if isinstance(value, str):
            return {"user": value}
        if not isinstance(value, dict | Turn):
            raise ValueError("expected a message (a string) or a mapping with 'user'")
        return value

    @property
    def expectation_count(self) -> int:
        return len(self.facts) + len(self.citations)


class Case(_Strict):
    """One conversation, run in a chat of its own."""

    name: Annotated[NonBlank, Field(max_length=200)]
    description: str | None = None
    threshold: Threshold | None = None
    """Overrides the file's ``threshold`` for this case."""
    forbidden: list[PatternText] = Field(default_factory=list)
    """Forbidden in every answer of this case (added to the file's and each turn's)."""
    turns: list[Turn] = Field(min_length=1)

    @property
    def expectation_count(self) -> int:
        return sum(turn.expectation_count for turn in self.turns)


class CaseFile(_Strict):
    """A whole ``conversations.yaml``."""

    version: Literal[1] = 1
    threshold: Threshold = 1.0
    """The score (fraction of facts and citations met) a case needs to pass, unless it sets its own."""
    forbidden: list[PatternText] = Field(default_factory=list)
    """Forbidden in every answer of every case."""
    cases: list[Case] = Field(min_length=1)
    _source: str | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _unique_names(self) -> CaseFile:
        seen: dict[str, int] = {}
        for index, case in enumerate(self.cases):
            if case.name in seen:
                raise ValueError(
                    f"case {case.name!r}: name used twice (cases[{seen[case.name]}] and cases[{index}])"
                )
            seen[case.name] = index
        return self

    @property
    def source(self) -> str | None:
        """The path the file was loaded from (set by ``load_cases``), for reports."""
        return self._source

    def select(self, names: list[str]) -> CaseFile:
        """The same file with only the named cases, in file order; ``KeyError`` names an unknown one."""
        known = {case.name for case in self.cases}
        for name in names:
            if name not in known:
                raise KeyError(name)
        return self.model_copy(update={"cases": [case for case in self.cases if case.name in names]})


# Loading: one-line errors naming file, case and field.


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
