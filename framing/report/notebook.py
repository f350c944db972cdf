# SHIM (redesign): remove in the final pass
"""Moved to :mod:`framing.report.render.notebook` (framing.compare still imports this path)."""

import sys

from framing.report.render import notebook as _m

sys.modules[__name__] = _m
