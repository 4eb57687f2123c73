"""``python -m placetel_tools.upstream``: see placetel_tools/upstream/cli.py."""

import sys

from placetel_tools.upstream.cli import main

sys.exit(main())
