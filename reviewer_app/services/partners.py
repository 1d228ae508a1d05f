"""Other systems as clients of the reviewer service: the citizens' portal pushes packs, the MFC's system posts
kinship confirmations (issue 21, item 4).

Each system has its own account: a staff row made with `staff add NAME --role portal|mfc --service`, a password and
no second factor (a system cannot read a phone), signing in with `sign_in` (`POST /v1/partners/session`). A
person's login at a desk refuses such an account, and this sign-in refuses a person's account and a script's
service account of any other role. What each may do is its role's permissions (`domain.permissions`): the portal
only INTAKE, the MFC only RECORD_MFC; a reviewer's token cannot push a pack.

A pushed pack goes through the very intake of the drop folder (`intake.import_pack_bytes`): the same validation,
image gate and idempotency; the same pack again is answered "already taken", a bad one is refused naming the
file, the field and the problem, and each push is one pack, so a refusal touches no other. Taken packs are
audited by intake (`application.intake`, actor = the portal's account); repeats and refusals here.
"""

from __future__ import annotations

from reviewer_app.domain.actor import Actor
from reviewer_app.domain.errors import PermissionDenied, brief
from reviewer_app.domain.permissions import PARTNER_ROLES, Permission
from reviewer_app.services import audit, authz, intake, mfc, staff
from reviewer_app.services.context import AppContext


def sign_in(app: AppContext, name: str, password: str, *, source: str) -> Actor:
    """Another system's account by its password (throttled and audited as `staff.service_login`)."""
    try:
        actor = staff.service_login(app, name, password, source=source)
    except PermissionDenied as exc:
        if exc.code != PermissionDenied.code:  # locked, disabled, throttled: said as it is
            raise
        raise PermissionDenied(f"{brief(name)} is not another system's account (made with `staff add NAME "
                               "--role portal|mfc --service`); people sign in at a desk", code="not_a_partner"
                               ) from None
    if actor.role not in PARTNER_ROLES:
        raise PermissionDenied(f"{actor.name} is a service account for scripts ({actor.role}), not another "
                               "system's account (role portal or mfc)", code="not_a_partner")
    return actor


def push_pack(app: AppContext, actor: Actor, name: str, data: bytes) -> intake.IntakeOutcome:
    """Import one pack sent as its .zip bytes; a repeat or a refusal is audited here (an import by intake)."""
    authz.require(app, actor, Permission.INTAKE)
    outcome = intake.import_pack_bytes(app, name, data, actor)
    if outcome.status != intake.IMPORTED:
        with app.uow() as s:
            audit.record(s, at=app.clock.now(), actor=actor.name,
                         action="intake.pack_repeated" if outcome.status == intake.SKIPPED
                         else "intake.pack_refused", target_type="pack", target_id=name[:200],
                         details={"application_id": outcome.application_id, "reason": outcome.reason,
                                  "via": "api"})
    return outcome


def post_confirmation(app: AppContext, actor: Actor, application_id: str, **fields) -> mfc.ConfirmationResult:
    """A kinship confirmation from the MFC (`mfc.record_confirmation`): under the MFC role it counts at once and
    requeues an application waiting for the visit; under any other role allowed to record it stays pending
    for a supervisor, as a desk record does."""
    return mfc.record_confirmation(app, actor, application_id, **fields)
