"""Placing meetings and topics with OR-Tools CP-SAT.

`candidates` filters what the hard rules allow (shared with `planner verify`), `variables`,
`constraints` and `objective` build the CP-SAT model, `solve` runs it and reads the plan
back, `explain` says why each deferred topic and unscheduled meeting is so.
"""

from planner.schedule.solve import SolveOptions, plan_scenario

__all__ = ["SolveOptions", "plan_scenario"]
