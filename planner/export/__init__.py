"""What the planner writes: plan.json, calendar.md, tables, calendars."""
