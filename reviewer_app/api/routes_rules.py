"""The rule table's warning for the desk's banner (the production calendar runs out within 60 days, or the rule
file is wrong). No session needed, like /info: the desk shows it under the login window already."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter

from reviewer_app.api.schemas_rules import RulesWarningOut
from reviewer_app.api.version import PREFIX
from reviewer_app.domain.errors import ReviewerError
from reviewer_app.services.context import AppContext


def build(app: AppContext) -> APIRouter:
    router = APIRouter(prefix=PREFIX, tags=["session"])

    @router.get("/rules/warning", response_model=RulesWarningOut)
    def rules_warning(lang: Literal["ru", "en"] = "ru") -> RulesWarningOut:
        try:
            return RulesWarningOut(warning=app.rules_warning(lang))
        except ReviewerError as exc:  # a wrong rule file: the banner says what is wrong, as on the in-process desk
            return RulesWarningOut(warning=str(exc))

    return router
