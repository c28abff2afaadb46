#!/usr/bin/env bash
# Promote this commit stack by stack, gated on conversation tests: each stack is deployed
# (`pulumi up` with the policy pack; the agent's knowledge ships as a release, which goes live only
# after conversations.yaml passed against a candidate), then its live agent is tested again
# (`did-agents test`, a JUnit report), and the next stack is touched only when every case passed.
# Every stack after staging must serve exactly the release that passed staging: its id (a digest
# of the documents) is passed on as did-promotion:expectRelease, and a preview fails otherwise.
#
#   ./promote.sh                    # staging, then prod: prod changes only after staging passed
#   ./promote.sh dev staging prod   # any chain of stacks, in order
#
# Needs `pulumi` and `did-agents` on PATH (the repository's .venv/bin), the state backend
# (`pulumi login …` or PULUMI_BACKEND_URL), PULUMI_CONFIG_PASSPHRASE, and the API key: a stack's
# secret didagents:apiKey, else DID_API_KEY. `did-agents test STACK` reads both, and the API URL, as
# the stack's provider does.
# Optional: POLICY_PACK (default ../../policy), REPORTS (default reports/): one JUnit XML per stack,
# conversations-<stack>.xml; EXPECT_FROM (default staging): the stack whose release the later ones
# must serve (dev serves local files, so its release differs from staging's by design).
#
# Exit code 0: every stack deployed and passed. Non-zero: a deployment or a conversation test
# failed; the stacks after it were not touched (the failing stack keeps what was deployed to it).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

POLICY_PACK=${POLICY_PACK:-../../policy}
REPORTS=${REPORTS:-reports}
EXPECT_FROM=${EXPECT_FROM:-staging}
expect=()  # --config did-promotion:expectRelease=<release>, once EXPECT_FROM has passed
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
    pulumi up --stack "$stack" --yes --diff --color never "${expect[@]}" \
        --policy-pack "$POLICY_PACK" --policy-pack-config "$POLICY_PACK/config/$rules" \
        || stop "$i" "pulumi up on $stack failed"

    echo "==> $stack: conversation tests"
    did-agents test "$stack" --junit "$REPORTS/conversations-$stack.xml" \
        || stop "$i" "$stack failed its conversation tests (see $REPORTS/conversations-$stack.xml)"
    if [ "$stack" = "$EXPECT_FROM" ]; then
        release=$(pulumi stack output release --stack "$stack")
        echo "==> $stack serves release $release; the next stacks must serve it too"
        expect=(--config "did-promotion:expectRelease=$release")
    fi
done
echo "==> promoted: ${stacks[*]}"
