"""The text engine: every user string becomes correctly set text through here.

``markup`` and ``scripts`` are pure (no ReportLab); ``fonts`` and ``setter``
use ReportLab. Import the submodule you need: importing this package alone
loads nothing heavy.
"""
