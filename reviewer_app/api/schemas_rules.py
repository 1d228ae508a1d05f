"""Schemas of the rule table's warning (`routes_rules`), shared with the client."""

from __future__ import annotations

from pydantic import BaseModel


class RulesWarningOut(BaseModel):
    """The banner's text, in the language asked for; None when all is well."""

    warning: str | None = None
