"""Bedside scores (Wells, Ottawa, NEWS2 and the rest), each with its items, result and source."""
