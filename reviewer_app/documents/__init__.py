"""Reading identity documents from images: the passport's machine-readable zone (OpenCV + NumPy).

`read_image(data, source)` → `DocumentReading` (see `reviewer_app.domain.documents`); `read_pack(pack)` reads
the passport scan and the selfie of a pack. `specimen` draws generated documents for samples, bench and tests.
"""

from reviewer_app.documents.read import read_array, read_image, read_pack_documents

__all__ = ["read_array", "read_image", "read_pack_documents"]
