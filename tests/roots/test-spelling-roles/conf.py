extensions = ["placetel_tools.sphinxext.spelling_setup"]
spelling_warning = True
spelling_shared_word_list = "words.txt"
