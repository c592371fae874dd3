"""Flashcards: pure geometry (``geometry``), drawing (``draw``) and the duplex
calibration sheet (``calibration``)."""
