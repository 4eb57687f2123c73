"""Adds a stylesheet to one page only, at a lower priority, the way sphinx-tabs does."""


def setup(app):
    def add(app, pagename, templatename, context, doctree):
        if pagename == "tabbed":
            app.add_css_file("more/page-only.css")

    app.connect("html-page-context", add)
