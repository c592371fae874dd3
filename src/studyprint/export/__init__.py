"""The same quiz, digital too: exports for learning platforms (``studyprint export``).

One module per format, each a ``write(plan, out) -> list[str]`` that writes the
quiz plan (the very versions the PDF and key were printed from) and returns what
the format could not carry, item by item; ``text`` turns deck markup into each
format's own. ``run`` is the door the command line uses.
"""
