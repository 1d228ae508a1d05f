"""Application packs: the JSON Schema and the folder/zip reader (the colour helper is `matching.colour`)."""

from reviewer_app.packs.reader import (
    DEFAULT_LIMITS,
    Pack,
    PackError,
    PackLimits,
    PackProblem,
    load_schema,
    parse_application,
    read_pack,
    read_pack_bytes,
    validate_application,
)

__all__ = ["DEFAULT_LIMITS", "Pack", "PackError", "PackLimits", "PackProblem", "load_schema",
           "parse_application", "read_pack", "read_pack_bytes",
           "validate_application"]
