"""One module per analyzer section: the typed results and their JSON form.

:data:`SECTION_TYPES` maps each built-in analyzer's name to its section type; it
is what :meth:`framing.schema.Analysis.from_dict` restores by default.
"""

from __future__ import annotations

from framing.schema.section import Section
from framing.schema.sections.actors import Actors
from framing.schema.sections.attribution import Attribution
from framing.schema.sections.frames import Frames
from framing.schema.sections.loaded_language import LoadedLanguage
from framing.schema.sections.roles import Roles
from framing.schema.sections.stance import Stance
from framing.schema.sections.techniques import Techniques

SECTION_TYPES: dict[str, type[Section]] = {
    "actors": Actors,
    "attribution": Attribution,
    "loaded_language": LoadedLanguage,
    "stance": Stance,
    "roles": Roles,
    "frames": Frames,
    "techniques": Techniques,
}
