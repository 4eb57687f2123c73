extensions = ["placetel_tools.sphinxext.language_switch"]
html_baseurl = "https://docs.example.org/site/"
locale_dirs = ["locale"]
gettext_compact = False
