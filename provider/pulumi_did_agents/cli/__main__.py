"""``python -m pulumi_did_agents.cli``, for when the ``did-agents`` script is not on PATH."""

import sys

from . import main

sys.exit(main())
