extensions = ["sphinx_tabs.tabs", "placetel_tools.sphinxext.translation_extras"]
locale_dirs = ["locale"]
gettext_compact = False
