"""``ConversationTest``: conversation cases run against an agent during ``pulumi up``, as a gate.

It owns no API object: create and update run the cases over the same REST chat D-ID's SDK uses,
and fail the update with the failing cases' reasons, leaving the agent as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ._decl import (
    Failure,
    ResourceSpec,
    boolean,
    digest,
    identifier,
    integer,
    json,
    json_value,
    number,
    string,
)

__all__ = ["CONVERSATION_TEST"]


def _one_source(values: Mapping[str, Any]) -> Iterable[Failure]:
    given = [key for key in ("cases_file", "cases") if key in values]
    if not given:
        yield Failure(
            "cases_file", "give cases_file (a conversations.yaml) or cases (the same content inline)"
        )
    elif len(given) == 2:
        yield Failure("cases", "give either cases_file or cases, not both")


CONVERSATION_TEST = ResourceSpec(
    name="ConversationTest",
    doc=(
        "Conversation cases (see docs/conversation-tests.md) run against an agent whenever the agent, "
        "the cases or `triggers` change. Failing cases fail the update with their reasons; the agent "
        "is left as it is. Refresh never re-runs them."
    ),
    inputs=(
        identifier("agent_id", "Id of the agent to talk to.", wire=None, required=True),
        string(
            "cases_file",
            "Path of a conversations.yaml (relative to the program's directory).",
            wire=None,
            min_length=1,
        ),
        json("cases", "The cases inline, in the conversations.yaml shape (`{cases: [...]}`).", wire=None),
        number(
            "threshold",
            "Pass mark for every case (fraction of expectations met), overriding the file's.",
            wire=None,
            minimum=0,
            maximum=1,
        ),
        json_value(
            "triggers",
            "Any value (a string, a number, a list, a map, nested); when it changes the cases run "
            "again (e.g. documents' ids or content hashes).",
            wire=None,
        ),
        digest(
            "cases_hash",
            "SHA-256 of the cases, computed: editing the cases runs them again.",
            wire=None,
        ),
    ),
    outputs=(
        string("test_id", "Id of this test run's record.", wire=None),
        boolean("passed", "Whether every case passed.", wire=None),
        number("score", "Mean score of the cases.", wire=None),
        integer("passed_cases", "How many cases passed.", wire=None),
        integer("total_cases", "How many cases ran.", wire=None),
        string("summary", "One line per case: name, score, result.", wire=None),
    ),
    rules=(_one_source,),
    stable_outputs=("test_id",),
)
