"""Policy checks: every rule of the service as plain Python (no Qt, no database).

Public entry points: `run_all_checks`, `sla_deadline`, `load_rule_table`, `RuleTable`, `RuleTables`,
`CalendarNotCoveredError`.
"""

from reviewer_app.policy.calendar import CalendarNotCoveredError
from reviewer_app.policy.checks import RULE_IDS, run_all_checks, sla_deadline
from reviewer_app.policy.ruletable import DEFAULT_TABLE, RuleTable, RuleTables, load_rule_table

__all__ = ["DEFAULT_TABLE", "RULE_IDS", "CalendarNotCoveredError", "RuleTable", "RuleTables", "load_rule_table",
           "run_all_checks", "sla_deadline"]
