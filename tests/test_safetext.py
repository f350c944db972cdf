"""The one terminal sanitiser: escape sequences and controls out, printable text (tabs, newlines) kept."""

from __future__ import annotations

import pytest

from framing.errors import FetchError
from framing.safetext import one_line, terminal_safe

NASTY = [
    ("title \x1b]0;owned\x07end", "title end"),  # OSC: sets the window title
    ("a\x1b[2Jb", "ab"),  # CSI: clears the screen
    ("a\x1b[8mhidden\x1b[0mb", "ahiddenb"),  # CSI: conceal, then reset
    ("a\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\b", "alinkb"),  # OSC 8 hyperlink, ST-terminated
    ("a\x9b31mred", "ared"),  # 8-bit CSI
    ("bell\x07 nul\x00 del\x7f", "bell nul del"),
]


@pytest.mark.parametrize(("raw", "want"), NASTY)
def test_escape_sequences_and_controls_are_removed(raw, want):
    assert terminal_safe(raw) == want


def test_printable_text_tabs_and_newlines_survive():
    s = "Qassem Soleimani — «quoted» ‘curly’ café\tcol\nline 2 ✓"
    assert terminal_safe(s) == s
    assert one_line(s) == "Qassem Soleimani — «quoted» ‘curly’ café col line 2 ✓"


def test_error_messages_are_one_safe_line():
    err = FetchError("HTTP 500 \x1b[2J\x1b]0;x\x07Server\nError")
    assert str(err) == "HTTP 500 Server Error"
