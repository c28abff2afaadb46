"""`make bench`: the emulator's and the provider's figures, each against a baseline of the same run.

Exits 1 when a figure misses its target, so a regression is visible; the tables say which.
"""

from __future__ import annotations

import os

import client_bench
import emulator_throughput
import failing_preview
import fleet_bench
import scale_bench


def main() -> int:
    if os.environ.get("SCALE") == "large":  # `make bench SCALE=large`: the 2,000-agent growth row only
        print("== growth: the native front end at 2,000 agents (3,600 resources) ==")
        return scale_bench.main(["--scale", "large"])
    print("== emulator: throughput against a bare Starlette app under the same uvicorn ==")
    emulator_failed = emulator_throughput.main([])
    print("\n== provider: typed client and check/diff over raw HTTP (in-memory emulator) ==")
    client_bench.main()
    print("\n== provider front ends: a fleet under the engine (native, dynamic, no-op floor) ==")
    fleet_failed = fleet_bench.main([])
    print("\n== failing previews: as fast as passing ones, every time (Python front end) ==")
    failing_met = failing_preview.main()
    print("\n== growth: the native front end at 50 and 500 agents (SCALE=large: 2,000), rate-limited ==")
    scale_failed = scale_bench.main(["--scale", "default"])
    return 1 if emulator_failed or fleet_failed or not failing_met or scale_failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
