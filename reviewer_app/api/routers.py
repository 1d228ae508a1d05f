"""The routers the service adds beside the reviewer desk's endpoints (`api.app.create_app`): one builder per
capability, each `build(app: AppContext) -> fastapi.APIRouter`, its paths under `api.version.PREFIX`, its
caller from `api.deps.Caller`."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter

from reviewer_app.api import routes_admin, routes_partners, routes_rules, routes_supervision, routes_training
from reviewer_app.services.context import AppContext

ROUTERS: list[Callable[[AppContext], APIRouter]] = [
    routes_admin.build,
    routes_partners.build,
    routes_rules.build,
    routes_supervision.build,
    routes_training.build,
]
