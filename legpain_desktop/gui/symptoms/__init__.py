"""The symptom filter: findings ticked or marked absent, the ranked causes, the leg map and the
red-flag alerts."""
