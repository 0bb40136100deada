"""The database as the app keeps it: query-planner statistics kept current on both engines."""
