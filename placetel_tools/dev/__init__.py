"""Development-only checks, never needed to build or read the site: the browser checks (tests/browser)
and `make bench`."""
