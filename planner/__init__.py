"""planner: a district government office's month, planned under its work rules."""

__version__ = "0.1.0"
