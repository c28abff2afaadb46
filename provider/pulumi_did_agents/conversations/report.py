"""Plain-text reports of a run: the results table, and a transcript of each case that did not pass."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from .results import CaseResult, SuiteResult

__all__ = ["align_rows", "format_details", "format_summary", "format_table", "status_word"]

REASON_WIDTH = 100


def status_word(case: CaseResult) -> str:
    return {"passed": "pass", "failed": "FAIL", "error": "ERROR"}[case.status]


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def align_rows(rows: Sequence[Sequence[str]], *, right: Collection[int] = ()) -> list[str]:
    """The rows as lines of columns two spaces apart, padded to the widest cell (``right``: to the right)."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            cell.rjust(width) if i in right else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]


def format_table(suites: Sequence[SuiteResult], *, reason_width: int = REASON_WIDTH) -> str:
    """One row per case: case, (agent, when there are several), turns, score, threshold, result, reason."""
    several = len({suite.agent_id for suite in suites}) > 1
    header = ["CASE", *(["AGENT"] if several else []), "TURNS", "SCORE", "THRESHOLD", "RESULT", "REASON"]
    rows = [
        [
            case.name,
            *([suite.agent_id] if several else []),
            str(len(case.turns)),
            f"{case.score:.2f}",
            f"{case.threshold:.2f}",
            status_word(case),
            _clip(case.reason, reason_width),
        ]
        for suite in suites
        for case in suite.cases
    ]
    numeric = {header.index(name) for name in ("TURNS", "SCORE", "THRESHOLD")}
    return "\n".join(align_rows([header, *rows], right=numeric))


def format_details(case: CaseResult) -> str:
    """The case's transcript with every failed check, as shown under the table and in JUnit."""
    head = f"{case.name} ({case.agent_id}): {status_word(case)}"
    lines = [f"{head}: {case.reason}" if case.reason else head]
    for turn in case.turns:
        lines.append(f"  turn {turn.number}")
        lines.append(f"    user:   {turn.user}")
        if turn.error is not None:
            lines.append(f"    error:  {turn.error}")
            continue
        lines.append(f"    agent:  {turn.answer}")
        cited = ", ".join(f"{c.title} ({c.document_id})" for c in turn.citations) or "none"
        lines.append(f"    cited:  {cited}")
        lines.extend(f"    failed: {check.detail}" for check in turn.failures)
    return "\n".join(lines)


def format_summary(suites: Sequence[SuiteResult]) -> str:
    cases = [case for suite in suites for case in suite.cases]
    passed = sum(1 for case in cases if case.passed)
    failed = sum(suite.failed_count for suite in suites)
    errors = sum(suite.error_count for suite in suites)
    agents = ", ".join(dict.fromkeys(suite.agent_id for suite in suites))
    summary = f"{len(cases)} case{'' if len(cases) == 1 else 's'}: {passed} passed, {failed} failed"
    if errors:
        summary += f", {errors} error{'' if errors == 1 else 's'}"
    return f"{summary} (agent{'s' if len(suites) > 1 else ''} {agents})"
