"""Sphinx extensions of this project; conf.py lists them. Each module is one extension with one job."""
