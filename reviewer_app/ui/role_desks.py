"""The other roles' interfaces beside the reviewer's desk (supervision, training, administration): over the same
reviewer-service session when the desk is a client of the service (`gui --service`, and the single-PC service of
`demo`, `train` and `gui`), else in process on the application context; None when there is neither (a desk under
test)."""

from __future__ import annotations

from typing import Any


def on_service(desk: Any) -> bool:
    """The desk talks to a reviewer service (`HttpDeskService`, `client.local.LocalServiceDesk`): role clients
    wrap its `send`, so one sign-in serves every screen."""
    return callable(getattr(desk, "send", None))


def supervisor_desk_for(desk: Any, app_context: Any = None) -> Any:
    if on_service(desk):
        from reviewer_app.client.supervision import HttpSupervisorDesk

        return HttpSupervisorDesk(desk)
    context = app_context if app_context is not None else getattr(desk, "context", None)
    if context is None:
        return None
    from reviewer_app.services.supervisor_desk_service import DbSupervisorDesk

    return DbSupervisorDesk(context)


def training_desk_for(desk: Any, app_context: Any = None) -> Any:
    if on_service(desk):
        from reviewer_app.client.training import HttpTrainingDesk

        return HttpTrainingDesk(desk)
    if app_context is None:
        return None
    from reviewer_app.services.training_desk import DbTrainingDesk

    return DbTrainingDesk(app_context)


def admin_desk_for(desk: Any, app_context: Any = None) -> Any:
    if on_service(desk):
        from reviewer_app.client.admin import HttpAdminDesk

        return HttpAdminDesk(desk)
    if app_context is None:
        return None
    from reviewer_app.services.admin_desk import DbAdminDesk

    return DbAdminDesk(app_context)
