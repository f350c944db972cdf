"""One sanitiser for text that reaches a terminal or a log line.

Fetched pages, HTTP reason phrases, file names and metadata fields are written
by strangers. :func:`terminal_safe` removes what a terminal would interpret
instead of print: ANSI/VT escape sequences (CSI ``ESC [``, OSC ``ESC ]`` up to
BEL or ST, and two-byte ``ESC x``), the C0 controls except tab and newline, DEL,
and the C1 controls (U+0080-U+009F, which some terminals read as CSI/OSC).
``one_line`` also folds whitespace so a message stays on one line.

A leaf module: it imports nothing from framing, so every layer may use it.
"""

from __future__ import annotations

import re

__all__ = ["one_line", "terminal_safe"]

# ESC [ ... final byte | ESC ] ... (BEL | ESC \) | ESC P/X/^/_ ... ESC \ | ESC + one char; and the 8-bit CSI/OSC forms
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"
    r"|\x1b[@-Z\\-_]?"
    r"|\x9b[0-?]*[ -/]*[@-~]"
    r"|\x9d[^\x07\x9c]*[\x07\x9c]?"
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_safe(text: str) -> str:
    """``text`` without escape sequences and control characters (tab and newline kept)."""
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


def one_line(text: str) -> str:
    """:func:`terminal_safe`, with every run of whitespace (newlines included) folded to one space."""
    return " ".join(terminal_safe(text).split())
