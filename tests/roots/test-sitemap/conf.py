extensions = ["placetel_tools.sphinxext.sitemap", "notfound.extension"]
html_baseurl = "https://docs.example.org/site/"  # a site in a folder: its path prefixes every address
locale_dirs = ["locale"]
gettext_compact = False
