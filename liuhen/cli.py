"""The `liuhen` console command.

The rules commands (`check`, `rules`, `calendar`) run on plain Python so that a supervisor's script
checking thousands of timelines never pays for Django start-up; everything else is a Django
management command (`liuhen migrate`, `liuhen demo`, `liuhen serve` …).
"""

from __future__ import annotations

import os
import sys

RULES_COMMANDS = frozenset({"check", "rules", "calendar"})


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in RULES_COMMANDS:
        from liuhen.rules.cli import main as rules_main

        return rules_main(args)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liuhen.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["liuhen", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
