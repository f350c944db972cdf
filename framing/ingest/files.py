"""Offline loading: files, stdin, and the :func:`load` dispatcher.

* :func:`load_path` — ``.html``/``.htm``/``.xhtml``, ``.txt``/``.md`` (first line is
  the title; hard-wrapped paragraphs are re-joined), ``.json`` (an Article, or an
  Analysis holding one);
* :func:`load_stdin` — HTML when it looks like markup, else text;
* :func:`load` — an ``http(s)://`` URL (handed to :func:`framing.ingest.fetch.fetch_article`,
  the only network code), ``-`` for stdin, or a path.

``load_path`` and ``load_stdin`` never touch the network (naming follows
scikit-learn: ``load_*`` is offline, ``fetch_*`` is online).
"""

from __future__ import annotations

import json
import logging
import os
import re
import stat
import sys
from dataclasses import replace
from pathlib import Path

from charset_normalizer import from_bytes

from framing.errors import ExtractionError, InputError
from framing.ingest.fetch import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, fetch_article
from framing.ingest.html import load_html, looks_like_html
from framing.ingest.language import check_language as _check_language
from framing.ingest.text import MIN_WORDS, clean_field, load_text, normalize_text, split_title, unwrap_lines
from framing.schema import Article

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 20_000_000


def _decode_text_file(raw: bytes, where: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        best = from_bytes(raw[:200_000]).best()
        if best is None or not best.encoding:
            raise InputError(f"{where} is not text in a known encoding (byte {exc.start} is not UTF-8); re-save it as UTF-8") from exc
        log.warning("%s is not UTF-8; decoding it as %s", where, best.encoding)
        return raw.decode(best.encoding, errors="replace")


def _looks_binary(raw: bytes) -> bool:
    head = raw[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return False
    if b"\x00" in head:
        return True
    return head.startswith((b"%PDF-", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b"))



#: deepest nesting of arrays/objects a JSON input may have (an Article is 3 deep; a serialised Analysis about 8)
MAX_JSON_DEPTH = 64


def json_depth_ok(text: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether the JSON ``text`` nests arrays/objects at most ``limit`` deep (brackets inside strings ignored).

    Checked before ``json.loads``, whose recursion would otherwise end in a RecursionError (or worse) on
    ``[[[[...`` a hundred thousand deep. One pass over the characters, no recursion.
    """
    if text.count("[") + text.count("{") <= limit:
        return True
    depth = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > limit:
                return False
        elif ch in "]}":
            depth -= 1
    return True


def loads_json(text: str, where: str) -> object:
    """``json.loads`` with the nesting bounded (:data:`MAX_JSON_DEPTH`): InputError naming ``where`` otherwise."""
    if not json_depth_ok(text):
        raise InputError(f"{where}: JSON nested more than {MAX_JSON_DEPTH} levels deep; an Article is a flat object: "
                         "export one with: framing read SOURCE --json")
    try:
        return json.loads(text)
    except RecursionError:
        raise InputError(f"{where}: JSON nested too deeply to read; export the article with: framing read SOURCE --json") from None


def _article_from_json(raw: bytes, where: str, *, check_language: bool) -> Article:
    try:
        d = loads_json(raw.decode("utf-8-sig"), where)
    except UnicodeDecodeError as exc:
        raise InputError(f"{where} is not UTF-8 JSON (byte {exc.start}); re-save it as UTF-8") from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: malformed JSON at line {exc.lineno}, column {exc.colno} ({exc.msg}); fix the file or export it again with: framing read SOURCE --json") from exc
    if isinstance(d, dict) and isinstance(d.get("article"), dict):
        d = d["article"]  # a serialised Analysis holds its Article
    if not isinstance(d, dict):
        raise InputError(f"{where} holds a JSON {type(d).__name__}, not an Article object; export one with: framing read SOURCE --json")
    try:
        art = Article.from_dict(d)
    except (ValueError, TypeError) as exc:
        raise InputError(f"{where} is not a valid Article ({exc}); export one with: framing read SOURCE --json") from exc
    if "sha256" in d and d["sha256"] != art.sha256:
        log.warning("%s: the text was edited after export (sha256 differs); offsets are taken from the file as it is", where)
    art = _normalised(art, where)
    if len(art.text.split()) < MIN_WORDS:
        raise ExtractionError(f"no article text found in {where}: fewer than {MIN_WORDS} words in 'text'")
    if check_language:
        _check_language(art.text, where=where)
    if not art.source:
        art = replace(art, source=where)
    return art


def _normalised(art: Article, where: str) -> Article:
    """``art`` as ingest would have made it: text and metadata through the one normalisation.

    An Article exported by ``framing read --json`` is already normalised and comes back unchanged
    (same text, same offsets); a hand-made or tampered file with controls, escape sequences or
    invisible characters in its text or metadata is rebuilt with :func:`load_text` (with a warning).
    """
    fields = (art.url, art.outlet, art.published, art.byline, *(v for _, v in art.meta))
    title_ok = not art.title or " ".join(normalize_text(art.title).split()) == art.title
    if normalize_text(art.body) == art.body and title_ok and all(v is None or clean_field(v) == v for v in fields):
        return art
    log.warning("%s: the Article's text or metadata held control or invisible characters; normalised them", where)
    rebuilt = load_text(art.body, art.title or None, url=art.url, outlet=art.outlet, published=art.published,
                        byline=art.byline, source=art.source or where, extractor=art.extractor or "plain-text",
                        extractor_version=art.extractor_version, meta=dict(art.meta), check_language=False)
    return replace(rebuilt, source_sha256=art.source_sha256 or rebuilt.source_sha256, language=art.language)


def _stat(p: Path) -> os.stat_result:
    try:
        return os.stat(p)  # follows links: a link to a regular file is read as that file
    except (FileNotFoundError, NotADirectoryError):
        raise InputError(f"{p}: no such file; check the path") from None
    except OSError as exc:
        raise InputError(f"{p}: cannot read the file ({exc.strerror or exc}); check its permissions") from exc


def _check_regular(p: Path, st: os.stat_result) -> None:
    """Refuse (one line) anything but a regular file, before it is opened: a folder, a FIFO or a device."""
    mode = st.st_mode
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise InputError(f"{p} is a folder; give a file (.html, .htm, .txt, .md or .json)")
    kind = ("a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a character device" if stat.S_ISCHR(mode)
            else "a block device" if stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode) else "not a regular file")
    raise InputError(f"{p} is {kind}, not a regular file; save the article to a file and give that (or pipe it to: framing read -)")


def _open_for_reading(p: Path) -> int:
    """A read-only descriptor, opened non-blocking (a FIFO does not hold the open) and not inherited by children."""
    return os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))


def read_capped(path: str | os.PathLike[str], cap: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file, at most ``cap`` of them; one InputError line otherwise.

    Refuses folders, FIFOs, devices and sockets before any read (``os.stat`` / ``S_ISREG``,
    checked again on the open descriptor, which is opened non-blocking so a FIFO swapped in
    meanwhile cannot hold the call). Reads at most ``cap + 1`` bytes whatever ``st_size``
    says (a device reports 0; a file may grow while read).
    """
    p = Path(os.fspath(path))
    _check_regular(p, _stat(p))
    try:
        fd = _open_for_reading(p)
    except OSError as exc:
        raise InputError(f"{p}: cannot read the file ({exc.strerror or exc}); check its permissions") from exc
    try:
        st = os.fstat(fd)
        _check_regular(p, st)
        if st.st_size > cap:
            raise InputError(f"{p} is {st.st_size:,} bytes; framing reads files up to {cap:,} bytes: give the article alone")
        chunks, got = [], 0
        while got <= cap:
            chunk = os.read(fd, min(1 << 20, cap + 1 - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
    except OSError as exc:
        raise InputError(f"{p}: cannot read the file ({exc.strerror or exc}); check its permissions") from exc
    finally:
        os.close(fd)
    if got > cap:
        raise InputError(f"{p} holds more than {cap:,} bytes; framing reads files up to {cap:,} bytes: give the article alone")
    return b"".join(chunks)


def load_path(path, *, check_language: bool = True) -> Article:
    """An Article from a file: ``.txt``/``.md`` (first line is the title), ``.html``/``.htm``/``.xhtml``, ``.json`` (an Article).

    Only regular files are read (folders, FIFOs and devices are refused before any read),
    at most ``MAX_FILE_BYTES`` bytes (:func:`read_capped`). Text files are read as UTF-8 (other encodings are detected with
    charset-normalizer, with a warning). A ``.json`` file holds an Article as
    written by ``framing read --json`` (or an Analysis, whose article is used).
    """
    p = Path(os.fspath(path)).expanduser()
    _check_regular(p, _stat(p))
    suffix = p.suffix.lower()
    if suffix not in (".txt", ".md", ".text", ".markdown", "", ".html", ".htm", ".xhtml", ".json"):
        raise InputError(f"{p}: unsupported file type {suffix!r}; expected .html, .htm, .txt, .md or .json")
    raw = read_capped(p)
    where = str(p)
    if not raw.strip():
        raise InputError(f"{p} is empty; give a file that holds the article")
    if _looks_binary(raw):
        raise InputError(f"{p} looks like a binary file, not text; give a .txt, .md, .html or .json file")
    if suffix in (".html", ".htm", ".xhtml"):
        return load_html(raw, source=where, check_language=check_language)
    if suffix == ".json":
        return _article_from_json(raw, where, check_language=check_language)
    text = _decode_text_file(raw, where)
    if suffix == "" and looks_like_html(text):
        return load_html(raw, source=where, check_language=check_language)
    title, body = split_title(text, markdown=suffix in (".md", ".markdown"))
    return load_text(unwrap_lines(body), title=title, source=where, source_bytes=raw, check_language=check_language)


_URL_LIKE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*://")
_DOMAIN_LIKE = re.compile(r"^(www\.)?[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}(/|$)")


def load_stdin(stream=None, *, check_language: bool = True) -> Article:
    """An Article from standard input: HTML when it looks like markup, else text (first line is the title)."""
    stream = stream if stream is not None else sys.stdin
    if hasattr(stream, "isatty") and stream.isatty():
        raise InputError("nothing on stdin (it is a terminal); pipe an article in, e.g.: cat story.txt | framing read -")
    buf = getattr(stream, "buffer", stream)
    data = buf.read(MAX_FILE_BYTES + 1)
    if isinstance(data, str):
        data = data.encode("utf-8", errors="surrogatepass")
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"stdin holds more than {MAX_FILE_BYTES:,} bytes; give the article alone")
    if not data.strip():
        raise InputError("stdin is empty; pipe an article in, e.g.: cat story.txt | framing read -")
    if _looks_binary(data):
        raise InputError("stdin looks like binary data, not text or HTML; pipe a text or HTML article")
    if looks_like_html(data):
        return load_html(data, source="stdin", check_language=check_language)
    text = _decode_text_file(data, "stdin")
    title, body = split_title(text)
    return load_text(unwrap_lines(body), title=title, source="stdin", source_bytes=data, check_language=check_language)


def one_line_path(s: str, limit: int = 120) -> str:
    """A path as shown in an error: shortened to ``limit`` characters (an over-long name stays one readable line)."""
    return s if len(s) <= limit else s[: limit - 21] + "..." + s[-18:]


def read(
    source,
    *,
    check_language: bool = True,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    allow_private_redirects: bool = False,
) -> Article:
    """An Article from any source: an ``http(s)://`` URL (fetched with :func:`fetch_article`: the one
    entry here that may touch the network; ``allow_private_redirects`` is passed to it), ``-`` for stdin,
    or a path to an existing file (:func:`load_path`)."""
    if isinstance(source, os.PathLike):
        return load_path(source, check_language=check_language)
    if not isinstance(source, str):
        raise InputError(f"expected a URL, a path or '-', got {type(source).__name__}")
    s = source.strip()
    if not s:
        raise InputError("no source given; pass a URL (https://...), a file path, or - for stdin")
    if s == "-":
        return load_stdin(check_language=check_language)
    if _URL_LIKE.match(s):
        scheme = s.split(":", 1)[0].lower()
        if scheme in ("http", "https"):
            return fetch_article(s, timeout=timeout, max_bytes=max_bytes, check_language=check_language,
                                 allow_private_redirects=allow_private_redirects)
        raise InputError(f"{s!r}: only http:// and https:// URLs can be fetched ({scheme}:// is not supported); download the page and give the file instead")
    p = Path(s).expanduser()
    try:
        exists = p.exists()
    except OSError as exc:  # a name too long, a loop of links, a path through a file ...: one line, not a traceback
        raise InputError(f"{one_line_path(s)}: cannot use this path ({exc.strerror or exc}); check the path") from None
    if exists:
        return load_path(p, check_language=check_language)
    if ("/" in s or "\\" in s or p.suffix.lower() in (".txt", ".md", ".html", ".htm", ".json", ".xhtml")) and not _DOMAIN_LIKE.match(s):
        raise InputError(f"{s}: no such file; check the path (or give a URL starting with https://)")
    if _DOMAIN_LIKE.match(s):
        raise InputError(f"{s!r} is not an existing file; if it is a web address, add the scheme: framing read https://{s}")
    raise InputError(f"{s!r} is neither an http(s) URL nor an existing file; check the path, or give a URL starting with https://")
