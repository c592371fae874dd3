"""Reading what users bring: YAML decks, manifests and layouts, spreadsheet and
flashcard exports. Everything here turns a file into model objects or located
``path:line:col`` problems; nothing here prints a page."""
