from django.urls import path

from vestnik.integrations import coral, embed

app_name = "integrations"

urlpatterns = [
    path("coral/moderate", coral.moderate, name="coral-moderate"),
    path("embed/thread", embed.thread, name="embed-thread"),
    path("embed/story/post", embed.post_story, name="embed-post-story"),
    path("embed/session", embed.session, name="embed-session"),
    path("embed/signed-in", embed.signed_in, name="embed-signed-in"),
]
