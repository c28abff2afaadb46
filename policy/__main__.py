"""Entry point of the ``did-agents-guardrails`` policy pack.

Run with ``pulumi preview --policy-pack <path to this directory>``. Building the ``PolicyPack`` starts
the analyzer's gRPC server and never returns, so nothing else may import this file; the rules live in
``policies.py``.
"""

from pack_requirements import exit_unless_installed

exit_unless_installed()  # one clear message, not an ImportError traceback, in a virtualenv lacking them

from policies import POLICIES  # noqa: E402 - after the check above
from pulumi_policy import EnforcementLevel, PolicyPack  # noqa: E402

PolicyPack(
    name="did-agents-guardrails",
    # Every rule blocks by default; a stack's --policy-pack-config file can relax a rule to
    # "advisory" or "disabled" (see config/dev.json).
    enforcement_level=EnforcementLevel.MANDATORY,
    policies=POLICIES,
    description="Guardrails for D-ID agents, knowledge bases and documents managed with pulumi_did_agents.",
)
