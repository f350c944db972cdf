"""SchemaError: what the schema layer raises for data that breaks its types or invariants."""

from __future__ import annotations

from framing.errors import FramingError


class SchemaError(FramingError, ValueError):
    """Serialised data that does not fit framing's types (a bad offset, a missing field, an unknown section)."""
