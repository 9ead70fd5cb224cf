"""Imports every task module so that a Celery worker registers them all.

Add one import per task family (workers/<family>.py).
"""

import vestnik.workers.accounts  # noqa: F401
import vestnik.workers.integrations  # noqa: F401
import vestnik.workers.mail  # noqa: F401
import vestnik.workers.moderation  # noqa: F401
import vestnik.workers.moderation_digest  # noqa: F401
import vestnik.workers.news  # noqa: F401
