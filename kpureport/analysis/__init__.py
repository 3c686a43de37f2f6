"""Analysis: figures computed from the canonical tables (metrics, feedback, evaluation parts, monev)."""
