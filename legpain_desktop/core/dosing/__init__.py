"""Dose calculators: kidney function, label rules, older-adult rules and interactions (no Qt)."""
