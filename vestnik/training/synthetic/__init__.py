"""Training corpora we write ourselves, where public data runs out.

Generated deterministically from the tables in each module; never read by
the functional test suite (tests/training/functional/), whose cases are
written separately and never trained on.
"""
