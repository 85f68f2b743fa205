"""``pmlint show`` and the incident drawings: what pmlint read, as text, JSON and pictures."""
