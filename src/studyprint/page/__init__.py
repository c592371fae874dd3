"""The printed page every product shares: document, running header and footer,
bookmarks, ruled lines and pictures."""
