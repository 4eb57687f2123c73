"""`python -m placetel_tools.figures`: what `make images` and `make gettext` run (see cli.py)."""

import sys

from placetel_tools.figures.cli import main

sys.exit(main())
