"""What connects Vestnik to other systems: API clients and keys, the Perspective
protocol's feedback, Coral's external moderation phase and outgoing webhooks."""
