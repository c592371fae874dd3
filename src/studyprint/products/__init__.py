"""The products studyprint prints, side by side: ``sheet``, ``cards``, ``quiz``.

Each takes loaded decks, a loaded layout and its request, and writes a PDF;
:mod:`studyprint.render` is the one door that reaches them.
"""
