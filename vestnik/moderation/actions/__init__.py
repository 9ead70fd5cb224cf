"""Every write the moderators' side makes: one module per concept.

HTML views, the API (vestnik/api/moderation.py), workers and the shell all call
these functions; each takes domain objects and an actor, checks what only it can
check, changes state, appends to the audit log and schedules e-mail on commit.
"""
