extensions = ["placetel_tools.sphinxext.link_record"]
linkcheck_ignore = [r"https://ignored\.example\.org/", r"http://127\.0\.0\.1"]
link_record_allowed_http = [r"http://127\.0\.0\.1"]
