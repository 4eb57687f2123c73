extensions = ["placetel_tools.sphinxext.figure_check"]
# The figures' catalogue is locale/de/LC_MESSAGES/images.po (figure_check_locale's default).
