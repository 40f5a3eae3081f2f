"""Dateline web UI (Flask)."""
