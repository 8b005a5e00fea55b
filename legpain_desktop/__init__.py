"""LegPain Desktop: an offline reference on pain at the back of the leg."""

__version__ = "0.1.0"
