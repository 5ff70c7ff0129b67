"""Figures from the symbiosis app (pending until its records models exist)."""
