"""Where the dynamic providers lived before ``dynamic/``. Stacks deployed then hold pickles that name
``pulumi_did_agents.resources.<module>.<Provider>``; these aliases keep them loadable."""
