from django.urls import path

from vestnik.integrations import coral, embed, embed_auth

app_name = "integrations"

urlpatterns = [
    path("coral/moderate", coral.moderate, name="coral-moderate"),
    path("embed/thread", embed.thread, name="embed-thread"),
    path("embed/story/post", embed.post_story, name="embed-post-story"),
    path("embed/session", embed.session, name="embed-session"),
    path("embed/signed-in", embed_auth.signed_in, name="embed-signed-in"),
    path("embed/sign-out", embed_auth.sign_out, name="embed-sign-out"),
    path(
        "embed/comments/<path:rest>",
        embed_auth.community,
        name="embed-community",
    ),
]
