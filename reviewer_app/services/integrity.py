"""Tampered documents: every read of a stored document that fails its integrity check is audited, and
supervisors see the list.

The store refuses a document whose encrypted file was altered (`DocumentIntegrityError`); before, that refusal
reached only the person looking at the image. Now the failure is recorded (`document.integrity_failed`, in its
own transaction so it survives the refusal) with who tried, which application and which role, and
`integrity_failures` lists them for supervisors (and `reviewer-app audit alerts`).
"""

from __future__ import annotations

from sqlalchemy import select

from reviewer_app.db.models import AuditEvent
from reviewer_app.domain.actor import Actor
from reviewer_app.domain.errors import DocumentIntegrityError
from reviewer_app.domain.permissions import Permission
from reviewer_app.domain.supervision_views import IntegrityFailure  # re-exported
from reviewer_app.services import audit, authz

ACTION = "document.integrity_failed"


def read_document(app, sha256: str, *, reader: str, application_id: str | None = None,
                  role: str | None = None) -> bytes:
    """`app.store.get`, with a failed integrity check audited before it is raised."""
    try:
        return app.store.get(sha256)
    except DocumentIntegrityError as exc:
        with app.uow() as s:
            audit.record(s, at=app.clock.now(), actor=reader[:64], action=ACTION, target_type="document",
                         target_id=sha256, details={"application_id": application_id, "role": role,
                                                    "problem": str(exc)[:300]})
        raise


def gated_image(app, data: bytes, filename: str, role: str) -> bytes:
    """The stored image's bytes, once they pass the image gate with this installation's limit (header only):
    a desk never decodes what intake would refuse now (an image stored before the gate, or under a higher
    limit). Raises `ImageLoadError` naming the file, the role and the problem."""
    from reviewer_app.matching.images import check_image

    check_image(data, f"{filename} (documents.{role})", max_decoded_bytes=app.settings.image_max_decoded_bytes)
    return data


def integrity_failures(app, actor: Actor, *, limit: int = 100) -> list[IntegrityFailure]:
    """The latest integrity failures, newest first (supervisors, auditors)."""
    authz.require(app, actor, Permission.AUDIT)
    with app.sessions() as s:
        rows = s.scalars(select(AuditEvent).where(AuditEvent.action == ACTION)
                         .order_by(AuditEvent.id.desc()).limit(limit)).all()
        return [IntegrityFailure(r.at, r.target_id, (r.details or {}).get("application_id"),
                                 (r.details or {}).get("role"), r.actor, (r.details or {}).get("problem", ""))
                for r in rows]
