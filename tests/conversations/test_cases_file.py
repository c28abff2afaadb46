"""The conversations.yaml schema: what it accepts, and one-line errors naming file, case and field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pulumi_did_agents.conversations import CaseFile, CasesFileError, load_cases, parse_cases

EXAMPLE = """\
threshold: 0.75
forbidden: ["as an AI language model"]
cases:
  - name: warranty-length
    description: The warranty answer quotes the manual.
    turns:
      - user: How long is the warranty?
        facts: ["two years", "/from the date of purchase/"]
        citations: ["Kettle manual"]
      - Tell me more
  - name: shipping
    threshold: 1.0
    forbidden: ["/\\\\bnever\\\\b/"]
    turns:
      - user: Is shipping free?
        facts: ["50 euros"]
        forbidden: ["I don't know"]
"""


def test_example_file_loads_with_defaults_and_shorthand(tmp_path: Path) -> None:
    path = tmp_path / "conversations.yaml"
    path.write_text(EXAMPLE, encoding="utf-8")
    case_file = load_cases(path)
    assert case_file.source == str(path)
    assert case_file.threshold == 0.75 and case_file.forbidden == ["as an AI language model"]
    warranty, shipping = case_file.cases
    assert warranty.name == "warranty-length" and warranty.threshold is None
    assert [turn.user for turn in warranty.turns] == ["How long is the warranty?", "Tell me more"]
    assert warranty.turns[0].facts == ["two years", "/from the date of purchase/"]
    assert warranty.turns[0].citations == ["Kettle manual"]
    assert (warranty.turns[1].facts, warranty.turns[1].citations, warranty.turns[1].forbidden) == ([], [], [])
    assert warranty.expectation_count == 3
    assert shipping.threshold == 1.0 and shipping.forbidden == ["/\\bnever\\b/"]
    assert shipping.turns[0].forbidden == ["I don't know"] and shipping.expectation_count == 1


def test_select_keeps_file_order_and_source(tmp_path: Path) -> None:
    path = tmp_path / "conversations.yaml"
    path.write_text(EXAMPLE, encoding="utf-8")
    case_file = load_cases(path)
    selected = case_file.select(["shipping", "warranty-length"])
    assert [case.name for case in selected.cases] == ["warranty-length", "shipping"]
    assert selected.source == str(path) and selected.threshold == 0.75
    with pytest.raises(KeyError, match="nope"):
        case_file.select(["nope"])


def _case(**fields: Any) -> dict[str, Any]:
    return {"name": "c1", "turns": ["hello"], **fields}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"cases": [_case(turns=[{"user": "x", "fact": ["y"]}])]},
            "f.yaml: case 'c1': turns[0].fact: unknown field (did you mean 'facts'?)",
        ),
        (
            {"cases": [_case(thresold=0.5)]},
            "f.yaml: case 'c1': thresold: unknown field (did you mean 'threshold'?)",
        ),
        (
            {"cases": [_case()], "extra": 1},
            "f.yaml: extra: unknown field (expected one of: version, threshold, forbidden, cases)",
        ),
        (
            {"cases": [_case(turns=[{"user": "x", "facts": ["/(/"]}])]},
            "f.yaml: case 'c1': turns[0].facts[0]: invalid regex /(/: "
            "missing ), unterminated subpattern at position 0",
        ),
        (
            {"cases": [_case(turns=[{"user": "x", "facts": ["//"]}])]},
            "f.yaml: case 'c1': turns[0].facts[0]: regex // is empty",
        ),
        ({"cases": [_case(forbidden=["  "])]}, "f.yaml: case 'c1': forbidden[0]: must not be empty"),
        ({"cases": [_case(turns=[{"user": " "}])]}, "f.yaml: case 'c1': turns[0].user: must not be empty"),
        ({"cases": [_case(turns=[{"facts": ["x"]}])]}, "f.yaml: case 'c1': turns[0].user: required"),
        (
            {"cases": [_case(turns=[5])]},
            "f.yaml: case 'c1': turns[0]: expected a message (a string) or a mapping with 'user'",
        ),
        ({"cases": [_case(turns=[])]}, "f.yaml: case 'c1': turns: must not be empty"),
        (
            {"cases": [_case(turns=[{"user": "x", "facts": "two"}])]},
            "f.yaml: case 'c1': turns[0].facts: expected a list (got 'two')",
        ),
        ({"cases": [{"turns": ["x"]}]}, "f.yaml: cases[0]: name: required"),
        (
            {"cases": [_case(threshold=1.5)]},
            "f.yaml: case 'c1': threshold: Input should be less than or equal to 1 (got 1.5)",
        ),
        (
            {"cases": [_case(threshold="high")]},
            "f.yaml: case 'c1': threshold: expected a number (got 'high')",
        ),
        (
            {"threshold": -0.1, "cases": [_case()]},
            "f.yaml: threshold: Input should be greater than or equal to 0 (got -0.1)",
        ),
        ({"version": 2, "cases": [_case()]}, "f.yaml: version: Input should be 1 (got 2)"),
        ({"cases": []}, "f.yaml: cases: must not be empty"),
        ({}, "f.yaml: cases: required"),
        (
            {"cases": [_case(), _case(turns=["again"])]},
            "f.yaml: case 'c1': name used twice (cases[0] and cases[1])",
        ),
        (
            {"cases": [_case(turns=[{"user": "x", "fact": []}], thresold=1)]},
            "f.yaml: case 'c1': turns[0].fact: unknown field (did you mean 'facts'?) (and 1 more problem)",
        ),
        ([1, 2], "f.yaml: expected a mapping with 'cases', got a list"),
        (None, "f.yaml: the file is empty (expected a mapping with 'cases')"),
    ],
)
def test_schema_errors_are_one_line_naming_file_case_and_field(data: Any, message: str) -> None:
    with pytest.raises(CasesFileError) as caught:
        parse_cases(data, source="f.yaml")
    assert str(caught.value) == message
    assert "\n" not in str(caught.value)


def test_file_errors(tmp_path: Path) -> None:
    missing = tmp_path / "absent.yaml"
    with pytest.raises(CasesFileError) as caught:
        load_cases(missing)
    assert str(caught.value) == f"{missing}: no such file"
    broken = tmp_path / "broken.yaml"
    broken.write_text("cases:\n  - name: a\n    turns: [unclosed\n", encoding="utf-8")
    with pytest.raises(CasesFileError) as caught:
        load_cases(broken)
    assert str(caught.value).startswith(f"{broken}: invalid YAML at line 4, column 1: ")
    empty = tmp_path / "empty.yaml"
    empty.write_text("# nothing yet\n", encoding="utf-8")
    with pytest.raises(CasesFileError, match="the file is empty"):
        load_cases(empty)


def test_models_can_be_built_in_code() -> None:
    case_file = CaseFile.model_validate(
        {"cases": [{"name": "a", "turns": [{"user": "hi", "facts": ["hello"]}]}]}
    )
    assert case_file.source is None and case_file.threshold == 1.0 and case_file.version == 1
