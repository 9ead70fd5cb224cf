"""Vestnik: a self-hosted news website with a moderated reader community."""

__version__ = "0.1.0"
