"""`make bench`: the emulator's and the provider's figures, each against a baseline of the same run."""

from __future__ import annotations

import client_bench
import emulator_bench


def main() -> None:
    print("== emulator: requests over loopback (SQLite file) ==")
    emulator_bench.main()
    print("\n== provider: typed client and check/diff over raw HTTP (in-memory emulator) ==")
    client_bench.main()


if __name__ == "__main__":
    main()
