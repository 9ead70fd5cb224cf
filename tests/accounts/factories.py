from __future__ import annotations

from typing import Any

import factory
from allauth.account.models import EmailAddress

from vestnik.accounts.models import User

PASSWORD = "correct horse battery 42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"u-test{n}")
    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Reader Number{n}")

    @factory.post_generation
    def password(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])

    @factory.post_generation
    def verified_email(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted is not False and self.email:
            EmailAddress.objects.create(
                user=self, email=self.email, verified=True, primary=True
            )
