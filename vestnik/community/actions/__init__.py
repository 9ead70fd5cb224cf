"""Every write the community makes: one module per concept.

HTML views, the API (vestnik/api/comments.py), workers, the demo loader and the
shell all call these functions.
"""
