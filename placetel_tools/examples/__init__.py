"""Runnable examples of the pages (`make doctest`): the doctest setup Sphinx's doctest builder uses,
and the console example runner."""
