"""Run this project's CI pipelines (examples/gitops) and promotion on the test machine.

`github` and `gitlab` execute the workflow files' own steps for an event; `repository` builds the
checkout they run in (the overrides that point it at the emulator); `skips` lists what is not run.
"""
