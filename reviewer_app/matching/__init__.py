"""Face pre-score: find the live face and the printed passport photo in a selfie, compare, explain.

Public API: `FaceMatcher`, `MODEL_VERSION`, `EncodingCache` / `MemoryCache`, `ImageLoadError`;
`reviewer_app.matching.images.load_image` / `is_colour`; `reviewer_app.matching.composites` (test images).
No Qt, no SQLAlchemy here.
"""

from reviewer_app.matching.cache import EncodingCache, MemoryCache
from reviewer_app.matching.images import ImageLoadError
from reviewer_app.matching.matcher import MODEL_VERSION, FaceMatcher, distance_to_score

__all__ = ["MODEL_VERSION", "EncodingCache", "FaceMatcher", "ImageLoadError", "MemoryCache", "distance_to_score"]
