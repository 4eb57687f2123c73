"""Checks `make lint` runs over the sources and translations; each module is one command with one job."""
