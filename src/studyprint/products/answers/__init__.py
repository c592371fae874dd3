"""Answer sheets: one per copy of a quiz, for grading from scans (``--answer-sheet``).

``geometry`` places everything (pure, shared with the grader through the plan
file); ``rows`` turns a quiz version into the rows of its sheet; ``draw`` prints
a sheet with ReportLab.
"""
