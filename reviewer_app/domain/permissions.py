"""The role matrix, as plain data. Enforced by reviewer_app.services.authz in every use case."""

from __future__ import annotations

from enum import StrEnum

from reviewer_app.domain.actor import Actor
from reviewer_app.domain.enums import StaffRole
from reviewer_app.domain.errors import PermissionDenied


class Permission(StrEnum):
    CLAIM = "claim"                  # take applications from the queue
    DECIDE = "decide"                # approve, reject, return, escalate
    VIEW_APPLICATION = "view"        # open an application and its images
    AUDIT = "audit"                  # search past decisions, read the audit trail, statistics
    REASSIGN = "reassign"            # release or reassign another reviewer's claim
    SECOND_REVIEW = "second_review"  # confirm or overturn someone else's decision
    MANAGE_STAFF = "manage_staff"    # add, disable, unlock staff; lift citizen lockouts
    INTAKE = "intake"                # import packs
    NOTIFY = "notify"                # scheduled notices and expiries (`notify child-access`, `notify waiting`)
    RECORD_MFC = "record_mfc"        # record an MFC kinship confirmation (counts at once only from the MFC)
    CHOOSE_CASE = "choose_case"      # take a chosen application by id, with a reason (reviewers take the next)


_WORK = {Permission.CLAIM, Permission.DECIDE, Permission.VIEW_APPLICATION, Permission.RECORD_MFC}

ROLE_PERMISSIONS: dict[StaffRole, frozenset[Permission]] = {
    StaffRole.REVIEWER: frozenset(_WORK),
    StaffRole.SUPERVISOR: frozenset(_WORK | {Permission.AUDIT, Permission.REASSIGN, Permission.SECOND_REVIEW,
                                             Permission.CHOOSE_CASE}),
    # Trainers only ever work on a training database (checked in `allowed`).
    StaffRole.TRAINER: frozenset(_WORK | {Permission.AUDIT, Permission.INTAKE}),
    StaffRole.ADMIN: frozenset({Permission.MANAGE_STAFF, Permission.INTAKE, Permission.AUDIT, Permission.NOTIFY}),
    # An MFC office operator: the parent stood before them with the documents. Only this.
    StaffRole.MFC: frozenset({Permission.RECORD_MFC}),
    # The portal's system account pushes packs over the API (`api.routes_partners`); it reads nothing back.
    StaffRole.PORTAL: frozenset({Permission.INTAKE}),
}

#: Roles of other systems' accounts: they sign in to the service with their password
#: (`POST /v1/partners/session`), never at a desk. A portal account is always one; the MFC role is also a person's.
PARTNER_ROLES: frozenset[StaffRole] = frozenset({StaffRole.PORTAL, StaffRole.MFC})
#: Roles that exist only as system accounts (`staff add --service`): no person signs in under them.
SYSTEM_ONLY_ROLES: frozenset[StaffRole] = frozenset({StaffRole.PORTAL})


def allowed(actor: Actor, permission: Permission, *, training_db: bool) -> bool:
    if actor.is_system:
        return permission in (Permission.INTAKE, Permission.VIEW_APPLICATION, Permission.NOTIFY)
    assert actor.role is not None
    if actor.role is StaffRole.TRAINER and not training_db:
        return False
    return permission in ROLE_PERMISSIONS[actor.role]


def require(actor: Actor, permission: Permission, *, training_db: bool) -> None:
    """Raise PermissionDenied unless `actor` may do `permission` on this database."""
    if not allowed(actor, permission, training_db=training_db):
        role = actor.role.value if actor.role else "system"
        where = " outside a training database" if actor.role is StaffRole.TRAINER and not training_db else ""
        raise PermissionDenied(f"{actor.name} ({role}) may not {permission.value}{where}")
