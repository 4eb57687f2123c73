"""Command line entry: ``python -m placetel_tools simulate|check ...``."""

import importlib
import sys

COMMANDS = {
    "simulate": ("placetel_tools.simulator", "serve Zammad's Placetel endpoint on loopback"),
    "check": ("placetel_tools.check", "test a real Zammad endpoint the way Placetel calls it"),
}


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] not in COMMANDS:
        print("usage: python -m placetel_tools {simulate,check} ...", file=sys.stderr)
        for name, (_, what) in COMMANDS.items():
            print(f"  {name:9} {what}", file=sys.stderr)
        return 2
    module = importlib.import_module(COMMANDS[argv[0]][0])
    return module.main(argv[1:])


if __name__ == "__main__":
    sys.exit(main())
