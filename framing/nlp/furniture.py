"""Page furniture: the lines of a news page that are not the article's statements.

What it finds (rule ids ``furniture.<kind>``), as character spans of whole lines
(or, for a trailing photo credit, of the credit):

* ``update`` — "Updated 9:15 p.m.", "Last updated on Jan. 8 at 7:15 a.m.",
  "UPDATE: This story has been updated ..." , "Published ... ET";
* ``byline`` — "By Jane Doe", "Jane Doe | Reuters", "Opinion columnist",
  "... contributed to this report", "Follow X on Twitter";
* ``caption`` — a photo credit in brackets or after a slash ("(Jane Doe/Reuters)",
  "REUTERS/Jane Doe", "AP Photo/...", "Getty Images"), a "Photo: ..." credit at the
  end of a line, a bare agency name after the line's last sentence ("... Jan. 3, 2020.
  Associated Press"), a "Play Video" label, and the sentences it closes;
* ``related`` — related-link and promotion lines ("More:", "Related:", "See:",
  "Read more", "Sign up", "Subscribe");
* ``dateline`` — the place-and-agency prefix of a wire story's first sentence
  (:func:`dateline_end`; a prefix, not a line: the rest of the sentence is the article's);
* ``label`` — a short line (at most :data:`LABEL_WORDS` words) with no sentence
  punctuation at its end: photo labels, sub-headings, outlet names, a lone author
  name. The first line (the title) is never a label.

Used by the comparison so that none of these lines becomes a checkable claim,
a fact another article "omits" or a distinctive word; ingest may drop them with
:func:`strip` (it keeps offsets by blanking, not deleting, only if asked).

Range: spans into the given text, in order, non-overlapping. Limits: English
page conventions only; a caption written as a full sentence without a credit is
not recognised; a one-line paragraph of five words ending without a full stop
(rare in body text) is taken for a label.
"""

from __future__ import annotations

import re

__all__ = ["LABEL_WORDS", "RULES", "dateline_end", "furniture_spans", "is_furniture", "strip"]

LABEL_WORDS = 8

RULES: dict[str, str] = {
    "furniture.update": "a timestamp or update notice of the page, not a statement of the article",
    "furniture.byline": "a byline, contributor or follow line",
    "furniture.caption": "a photo caption or credit",
    "furniture.related": "a related-link or promotion line",
    "furniture.dateline": "the place-and-agency prefix of a wire story (WASHINGTON (Reuters) -)",
    "furniture.label": "a short line without sentence punctuation (photo label, sub-heading, lone name)",
}

_TIME = r"\d{1,2}(?::\d\d)?\s*(?:a\.?m\.?|p\.?m\.?)"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("update", re.compile(rf"^\s*(?:UPDATE[SD]?\b|(?:Last\s+)?updated\b|Published\b|Posted\b|First published\b)[^\n]{{0,120}}?(?:{_TIME}|\b20\d\d\b|:|\bET\b|\bGMT\b|story|article)", re.I)),
    ("update", re.compile(r"^\s*This (?:story|article|post|report) (?:has been|was) (?:updated|corrected)", re.I)),
    ("byline", re.compile(r"^\s*By\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3}\s*(?:,|\||and\b|$)")),
    ("byline", re.compile(r"^\s*(?:Opinion columnist|Staff writer|Contributing writer|Columnist|Editor's note)\b", re.I)),
    ("byline", re.compile(r"contributed (?:reporting )?to this (?:report|story|article)|^\s*(?:Follow|Contact) [^\n]{0,60}\b(?:on Twitter|on Facebook|at @)", re.I)),
    ("caption", re.compile(r"\((?:[A-Z][\w.'’-]+\s){1,3}[A-Z]?[\w.'’-]*/(?:[A-Z][\w ]{1,30})\)\s*$|\b(?:REUTERS|AP Photo|AFP|Getty Images|EPA)/[A-Z]|\bGetty Images\s*$|^\s*Play Video\b|\((?:top|bottom|left|right|middle|centre|center|above|below|inset)\)|^\s*(?:Photo|Image|Credit|Caption):|\bPhoto:\s[^\n]{0,80}$", re.I)),
    ("caption", re.compile(r"[.!?]\s+(?:Associated Press|AP|Reuters|AFP|Getty Images|EPA|Xinhua|Bloomberg)\s*$")),
    ("related", re.compile(r"^\s*(?:More|Related|See|See also|Read more|Read|Also read|Watch|Listen|Sign up|Subscribe|Click here|RELATED)\s*(?::|\b(?:here|now)\b)", re.I)),
)
_DATELINE = re.compile(r"^\s*[A-Z][A-Z.,/'’ -]{2,60}?(?:,\s+[A-Z][a-z.]+)?\s*(?:\((?:[A-Z][\w.]*\s?){1,3}\))?\s*[-—–]+\s")
_SENT_END = re.compile(r"[.!?]['\"”’)\]]*\s*$")
_LINE = re.compile(r"[^\n]+")


def is_furniture(line: str, *, first: bool = False) -> str | None:
    """The furniture kind of one line (``update``, ``byline``, ``caption``, ``related``, ``label``) or None.

    ``first`` marks the article's first line (its title), which is never a label.
    """
    for kind, pat in _PATTERNS:
        if pat.search(line):
            return kind
    words = line.split()
    if not first and 0 < len(words) <= LABEL_WORDS and not _SENT_END.search(line) and not line.rstrip().endswith((":", ",")):
        return "label"
    return None


def dateline_end(text: str) -> int:
    """Length of a leading wire dateline ("WASHINGTON/BAGHDAD (Reuters) - ", "JERUSALEM, Israel – "), else 0."""
    m = _DATELINE.match(text)
    return m.end() if m else 0


def furniture_spans(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, kind)`` of every furniture line of ``text`` (whole lines, whitespace trimmed)."""
    out = []
    for i, m in enumerate(_LINE.finditer(text)):
        line = m.group()
        if not line.strip():
            continue
        kind = is_furniture(line, first=i == 0)
        if kind:
            s = m.start() + (len(line) - len(line.lstrip()))
            out.append((s, m.start() + len(line.rstrip()), kind))
    return out


def strip(text: str) -> str:
    """``text`` with its furniture lines removed (the blank lines around them collapse to one)."""
    cut = furniture_spans(text)
    if not cut:
        return text
    parts, pos = [], 0
    for s, e, _ in cut:
        parts.append(text[pos:s])
        pos = e
    parts.append(text[pos:])
    return re.sub(r"\n{3,}", "\n\n", "".join(parts)).strip() + ("\n" if text.endswith("\n") else "")
