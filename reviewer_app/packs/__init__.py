"""Application packs: the JSON Schema, the folder/zip reader and the colour helper."""

from reviewer_app.packs.colour import is_colour
from reviewer_app.packs.reader import (
    DEFAULT_LIMITS,
    Pack,
    PackError,
    PackLimits,
    PackProblem,
    load_schema,
    parse_application,
    read_pack,
    validate_application,
)

__all__ = ["DEFAULT_LIMITS", "Pack", "PackError", "PackLimits", "PackProblem", "is_colour", "load_schema",
           "parse_application", "read_pack", "validate_application"]
