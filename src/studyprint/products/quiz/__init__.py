"""Practice quizzes: pure generation (``generate``), question types as a table
(``types``), and the printed page (``layout``, the only part that uses ReportLab)."""
