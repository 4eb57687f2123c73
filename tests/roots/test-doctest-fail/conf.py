# As the project's conf.py: every doctest group talks to the simulator, which each file's cleanup stops.
extensions = ["sphinx.ext.doctest"]
doctest_global_setup = "from placetel_tools.examples.doctest_env import *\nuse_simulator()"
doctest_global_cleanup = "stop_simulator()"
exclude_patterns = ["_build", "snippets"]  # included by the pages, not pages themselves
