"""The HTTP API (django-ninja). One module per resource registers its router here."""

from ninja import NinjaAPI

api = NinjaAPI(title="Vestnik API", version="1", urls_namespace="api")
