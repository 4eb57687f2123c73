"""The per-page checks of the browser tests, each page loaded once and checked at every width."""

from placetel_tools import languages
from placetel_tools.dev import site_check as sc


class Tab:
    """One browser tab for the whole session, reused for every page. Each page is loaded once, at the
    widest width, and checked at every width from the widest down: the window is resized in between,
    as when a reader turns a tablet, so every check runs at every width without loading the page again
    (requests made after a resize, such as a stylesheet for narrow screens, are recorded too)."""

    def __init__(self, browser, server, site):
        """A tab on ``server``, which serves the built site at ``site``."""
        self.context, self.rec = sc.new_context(browser, max(sc.WIDTHS), clipboard=True)  # copy buttons
        self.page = self.context.new_page()
        self.server = server
        self.languages = [languages.SOURCE, *sc.translations(site)]
        self.reports = {}

    def report(self, page_name, width):
        """The checks of ``page_name`` at ``width`` (all widths are checked on the first call)."""
        if page_name not in self.reports:
            self.reports[page_name] = self._check(page_name)
        return self.reports[page_name][width]

    def _check(self, page_name):
        page = self.at()
        sc.visit(page, sc.page_url(self.server, page_name))
        first_paint = sc.first_paint_problems(page, self.rec, page_name)
        return {
            width: {
                "first paint": first_paint,
                "images": sc.image_problems(page, page_name),
                "axe": sc.axe_problems(page, page_name),
                "overflow": sc.overflow_problems(page, page_name, width)
                + sc.broken_code_problems(page, page_name, width),
                "copy": sc.copy_button_missing_problems(page, page_name),
                "languages": sc.language_link_problems(
                    page, sc.page_url(self.server), page_name, self.languages
                ),
                "nav": sc.nav_problems(page, page_name, width),  # may open the menu: last at each width
                "requests": sc.request_problems(self.rec, page_name),  # so far: the load and the resizes
            }
            for width in self.widths()
        }

    def widths(self):
        """Resize the open page to each width, the widest first, and yield the width."""
        for width in sorted(sc.WIDTHS, reverse=True):
            self.page.set_viewport_size(sc.viewport(width))
            yield width

    def at(self, width=None):
        """The tab, ``width`` px wide (the widest width without one), for a test that drives it itself
        (cached reports stay valid)."""
        self.rec.reset()
        self.page.set_viewport_size(sc.viewport(width or max(sc.WIDTHS)))
        return self.page
