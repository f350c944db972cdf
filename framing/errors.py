"""Errors raised by framing.

Every error a user can cause is a :class:`FramingError` subclass whose message is
one line that says what happened, the offending value, and what to do about it.
The CLI prints that line and exits with :attr:`FramingError.exit_code`
(2 for bad input); anything else is an internal error (exit 1).

This module imports nothing from the project but the leaf :mod:`framing.safetext`.
"""

from __future__ import annotations

from framing.safetext import one_line


class FramingError(Exception):
    """Base class of every user-facing error. ``str(err)`` is one line."""

    exit_code = 2

    def __init__(self, message: str):
        # Keep the message on one line, and free of terminal escapes, whatever the caller passed in.
        super().__init__(one_line(str(message)))


class InputError(FramingError):
    """A source that cannot be read: missing, unreadable, binary or malformed file."""


class FetchError(FramingError):
    """A URL that could not be fetched: DNS, connection, timeout, HTTP status, redirects, size."""


class ContentTypeError(FetchError):
    """The server answered with something that is not an HTML page (PDF, image, JSON...)."""


class ExtractionError(FramingError):
    """A page or file was read but holds no usable article text (empty, too short, too long)."""


class LanguageError(ExtractionError):
    """The text is not in English (the only language the analyzers support)."""


class LexiconError(FramingError):
    """A lexicon file is malformed (bad header, duplicate entry, value out of range)."""

    exit_code = 1


class ModelError(FramingError):
    """A trained model artifact is missing, unreadable, or was not built by this repository."""

    exit_code = 1


class DataError(FramingError):
    """An evaluation or training data file is missing or not in the expected format."""


class CorpusError(FramingError):
    """The corpus store cannot do what was asked (unknown event, unreadable store...)."""


class SchemaError(FramingError):
    """A serialised object violates the schema (offsets out of range, quote mismatch...)."""
