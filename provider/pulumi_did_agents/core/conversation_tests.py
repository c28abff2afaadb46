"""Conversation tests as a resource: the cases run on create and update, and gate the deployment."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

from ..errors import ProviderError
from ..spec import CONVERSATION_TEST, ConversationTestInputs, Failure
from .base import Created, ReadResult, Reference, ResourceCore
from .releases import cases_hash, cases_of, summarize

if TYPE_CHECKING:
    pass

__all__ = ["ConversationTestCore"]


class ConversationTestCore(ResourceCore[ConversationTestInputs]):
    spec = CONVERSATION_TEST

    def references(self) -> tuple[Reference, ...]:
        from .agents import agent_exists

        return (Reference("agent_id", agent_exists, "agent"),)

    def prepare(self, inputs: dict[str, Any], failures: list[Failure]) -> dict[str, Any]:
        """The cases must parse at preview; their hash makes an edit of the file a change."""
        where = "cases_file" if "cases_file" in inputs else "cases"
        if isinstance(inputs.get(where), str | Mapping):
            checked = cast(ConversationTestInputs, inputs)  # validated just before
            try:
                cases_of(checked)
                inputs = {**inputs, "cases_hash": cases_hash(checked)}
            except (ValueError, OSError) as exc:
                failures.append(Failure(where, str(exc)))
        return inputs

    def _run(self, inputs: ConversationTestInputs, urn: str) -> dict[str, Any]:
        cases = cases_of(inputs)
        if inputs.get("threshold") is not None:
            cases = cases.model_copy(update={"threshold": inputs["threshold"]})
        total = len(cases.cases)
        done: list[str] = []

        def progress(result: Any) -> None:
            done.append(result.name)
            self.session.report(
                urn, f"conversation cases: {len(done)}/{total} run ({result.name}: {result.status})"
            )

        from ..conversations import run_cases

        with self.api("run", urn) as client:
            suite = run_cases(client, inputs["agent_id"], cases, on_result=progress)
        failed = [case for case in suite.cases if not case.passed]
        if failed:
            reasons = "; ".join(f"{case.name}: {case.reason}" for case in failed)
            raise ProviderError(
                f"ConversationTest: {len(failed)} of {total} case(s) failed on agent {inputs['agent_id']} "
                f"(the agent is left as it is): {reasons}"
            )
        scores = [case.score for case in suite.cases]
        return {
            "test_id": f"ct_{hashlib.sha256(urn.encode()).hexdigest()[:12]}",
            "passed": True,
            "score": round(sum(scores) / len(scores), 4) if scores else 1.0,
            "passed_cases": total,
            "total_cases": total,
            "summary": summarize(suite),
        }

    def create(self, inputs: ConversationTestInputs, *, urn: str) -> Created:
        outputs = self._run(inputs, urn)
        return Created(outputs["test_id"], outputs)

    def read(self, id_: str, inputs: ConversationTestInputs, outputs: Mapping[str, Any]) -> ReadResult | None:
        """Refresh keeps the last result: running the cases is for deployments, not for reads."""
        names = {p.name for p in self.spec.outputs}
        return ReadResult(id_, dict(inputs), {k: v for k, v in outputs.items() if k in names})

    def update(
        self, id_: str, old_inputs: Mapping[str, Any], new_inputs: ConversationTestInputs, *, urn: str
    ) -> dict[str, Any]:
        return self._run(new_inputs, urn)

    def delete(
        self, id_: str, inputs: ConversationTestInputs, outputs: Mapping[str, Any], *, urn: str | None = None
    ) -> None:
        """Nothing exists in the API for a test."""
