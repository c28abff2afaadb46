#!/usr/bin/env bash
# Promote this commit stack by stack, gated on conversation tests: each stack is deployed
# (`pulumi up` with the policy pack), then its agent is tested with conversations.yaml
# (`did-agents test`), and the next stack is touched only when every case passed.
#
#   ./promote.sh                    # staging, then prod: prod changes only after staging passed
#   ./promote.sh dev staging prod   # any chain of stacks, in order
#
# Needs `pulumi` and `did-agents` on PATH (the repository's .venv/bin), the state backend
# (`pulumi login …` or PULUMI_BACKEND_URL), PULUMI_CONFIG_PASSPHRASE, and the API key: a stack's
# secret didagents:apiKey, else DID_API_KEY. `did-agents test STACK` reads both, and the API URL, as
# the stack's provider does.
# Optional: POLICY_PACK (default ../../policy), REPORTS (default reports/): one JUnit XML per stack,
# conversations-<stack>.xml.
#
# Exit code 0: every stack deployed and passed. Non-zero: a deployment or a conversation test
# failed; the stacks after it were not touched (the failing stack keeps what was deployed to it).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

POLICY_PACK=${POLICY_PACK:-../../policy}
REPORTS=${REPORTS:-reports}
if [ "$#" -eq 0 ]; then set -- staging prod; fi
stacks=("$@")

stop() {  # stop INDEX MESSAGE: report which stacks were left alone, exit 1
    local rest="${stacks[*]:$(($1 + 1))}"
    echo "promotion stopped: $2; not promoted: ${rest:-nothing left}" >&2
    exit 1
}

for i in "${!stacks[@]}"; do
    stack=${stacks[$i]}
    # dev may embed the agent and read local documents (advisory rules); the others get prod's rules.
    if [ "$stack" = dev ]; then rules=dev.json; else rules=prod.json; fi

    echo "==> $stack: pulumi up (policy config $rules)"
    pulumi stack select --create "$stack"
    did-agents init --stack "$stack"   # this stack instance's owner id; kept when already set
    pulumi up --stack "$stack" --yes --diff --color never \
        --policy-pack "$POLICY_PACK" --policy-pack-config "$POLICY_PACK/config/$rules" \
        || stop "$i" "pulumi up on $stack failed"

    echo "==> $stack: conversation tests"
    did-agents test "$stack" --junit "$REPORTS/conversations-$stack.xml" \
        || stop "$i" "$stack failed its conversation tests (see $REPORTS/conversations-$stack.xml)"
done
echo "==> promoted: ${stacks[*]}"
