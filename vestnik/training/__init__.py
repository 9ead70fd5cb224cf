"""Training the moderation heads: data readers, embedding cache, fitting, model cards (`vestnik train`)."""
