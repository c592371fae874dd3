"""Grading answer sheets from scans (``studyprint grade``).

Stages, one module each: ``scans`` turns PDFs and photos into grey images;
``locate`` reads a page's printed code and corner markers and straightens the
page onto the plan's millimetres; ``marks`` measures every bubble and box;
``score`` turns what was read into answers and points with the plan's key;
``report`` writes results.csv. Needs the ``grade`` extra (OpenCV, numpy,
zxing-cpp, pypdfium2); nothing here uses the network.
"""
