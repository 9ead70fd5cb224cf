from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """A reader, moderator or editor. Logs in by e-mail; `display_name` is public."""

    email = models.EmailField("e-mail address", unique=True, null=True, blank=True)
    display_name = models.CharField(max_length=80, blank=True)

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def public_name(self) -> str:
        return self.display_name or self.username
