"""Work done on worker threads to make an application ready to show: open, fetch and decode images, crop faces,
get the pre-score. The UI thread only turns the result into pixmaps."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from PySide6.QtGui import QImage

from reviewer_app.domain.actor import Actor
from reviewer_app.domain.checks import NOT_RUN
from reviewer_app.domain.errors import ReviewerError
from reviewer_app.domain.prescore import PreScore
from reviewer_app.domain.views import ROLE_CERTIFICATE, ROLE_SCAN, ROLE_SELFIE, ApplicationView
from reviewer_app.services.desk import DeskService
from reviewer_app.ui.errors import user_message
from reviewer_app.ui.images import crop_face, decode_image

IMAGE_ROLES = (ROLE_SELFIE, ROLE_SCAN, ROLE_CERTIFICATE)
#: Which image each face role is cropped from.
CROP_SOURCES = {"live": ROLE_SELFIE, "document": ROLE_SELFIE, "scan": ROLE_SCAN}


@dataclass
class Loaded:
    view: ApplicationView
    images: dict[str, QImage] = field(default_factory=dict)
    prescore: PreScore | None = None
    prescore_ready: bool = False  # False: still to be fetched (shown as "scoring…")
    crops: dict[str, QImage] = field(default_factory=dict)  # face role -> enlarged crop
    problems: list[str] = field(default_factory=list)  # images that could not be shown, in words
    # False for a prefetch: loaded ahead, not yet in front of the reviewer, so its opening is not audited yet
    # (the session records it when it is shown; a supervisor sees it as reserved, not held, until then)
    audited: bool = True

    @property
    def id(self) -> str:
        return self.view.id


def crops_for(images: dict[str, QImage], prescore: PreScore | None) -> dict[str, QImage]:
    crops: dict[str, QImage] = {}
    if prescore is None:
        return crops
    for role, source in CROP_SOURCES.items():
        faces = prescore.faces_with_role(role)
        image = images.get(source)
        if faces and image is not None and not image.isNull():
            crop = crop_face(image, faces[0])
            if not crop.isNull():
                crops[role] = crop
    return crops


def load_application(desk: DeskService, actor: Actor, application_id: str, *, with_prescore: bool,
                     audited: bool = True) -> Loaded:
    # Compared first (stored or computed now), then opened: the view has the checks the comparison makes.
    prescore = desk.prescore(actor, application_id) if with_prescore else None
    view = (desk.open_application if audited else desk.reload_application)(actor, application_id)
    if with_prescore:
        view = replace(view, prescore=view.prescore or prescore)
    loaded = Loaded(view=view, audited=audited)
    for role in IMAGE_ROLES:
        doc = view.document(role)
        if doc is None or doc.purged:
            continue
        try:
            loaded.images[role] = decode_image(desk.load_image(actor, application_id, role), doc.filename,
                                               max_decoded_bytes=getattr(desk, "image_max_decoded_bytes", None))
        except ReviewerError as exc:  # one unreadable image must not hide the rest of the application
            loaded.problems.append(user_message(exc))
    loaded.prescore = view.prescore
    loaded.prescore_ready = with_prescore or view.prescore is not None
    loaded.crops = crops_for(loaded.images, loaded.prescore)
    return loaded


def with_prescore_of(desk: DeskService, actor: Actor, loaded: Loaded) -> Loaded:
    prescore = desk.prescore(actor, loaded.id)
    view = loaded.view
    if any(c.status == NOT_RUN for c in view.checks):
        # The comparison has just run, and with it the checks it makes (the face-duplicate search): read them.
        view = desk.reload_application(actor, loaded.id)
    # The view carries it too: the override warning (mismatch band) is decided from the view.
    return replace(loaded, view=replace(view, prescore=prescore), prescore=prescore, prescore_ready=True,
                   crops=crops_for(loaded.images, prescore))


def claim_and_load(desk: DeskService, actor: Actor, kind: str | None, exclude: tuple[str, ...],
                   *, with_prescore: bool = True, audited: bool = True) -> Loaded | None:
    application_id = desk.claim_next(actor, kind, exclude=exclude)
    if application_id is None:
        return None
    return load_application(desk, actor, application_id, with_prescore=with_prescore, audited=audited)


def claim_one_and_load(desk: DeskService, actor: Actor, application_id: str, *,
                       reason: str | None = None) -> Loaded:
    desk.claim(actor, application_id, reason=reason)
    return load_application(desk, actor, application_id, with_prescore=False)
