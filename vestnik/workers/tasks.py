"""Imports every task module so that a Celery worker registers them all.

Add one import per task family (workers/<family>.py).
"""
