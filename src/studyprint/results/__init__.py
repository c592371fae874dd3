"""After the grades: what a class's results say about each item and term (``report``).

Reads grading's ``results.csv`` and the quiz plan; writes ``report.csv`` and
``report.pdf``. Statistics are pure functions (:mod:`stats`); reading the files is
:mod:`load`; the report is :mod:`report`.
"""
