"""The message catalogue, one module per area; each defines MESSAGES: key → (zh, en).

`planner.messages` merges every module here into the one catalogue the planner speaks from.
"""
