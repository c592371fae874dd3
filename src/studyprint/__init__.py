"""studyprint: printable study sheets, flashcards and quizzes from YAML decks."""

__version__ = "0.1.0"
