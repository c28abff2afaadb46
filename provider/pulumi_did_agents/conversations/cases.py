"""The schema of ``conversations.yaml``: a file of cases, each a conversation of checked turns.

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

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from .patterns import compile_pattern

__all__ = ["Case", "CaseFile", "MAX_MESSAGE_LENGTH", "Turn"]

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
