"""DEKVEP — Circular Economy and Resource Efficiency Platform."""

__version__ = "0.1.0"
