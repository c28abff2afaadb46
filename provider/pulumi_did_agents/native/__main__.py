"""``python -m pulumi_did_agents.native``: the plugin without its console script (for debugging)."""

from . import main

main()
