from typing import TYPE_CHECKING

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from vestnik.accounts.models import Consent, User

# Admin classes are generic only in django-stubs, not at run time.
if TYPE_CHECKING:
    UserAdminBase = DjangoUserAdmin[User]
    ConsentAdminBase = admin.ModelAdmin[Consent]
else:
    UserAdminBase = DjangoUserAdmin
    ConsentAdminBase = admin.ModelAdmin


@admin.register(User)
class UserAdmin(UserAdminBase):
    list_display = (
        "email",
        "display_name",
        "is_staff",
        "is_active",
        "deleted_at",
        "date_joined",
    )
    list_filter = ("is_staff", "is_active", "deleted_at")
    search_fields = ("email", "display_name", "username")
    ordering = ("-date_joined",)
    fieldsets = (
        *(UserAdminBase.fieldsets or ()),
        (
            "Vestnik",
            {
                "fields": (
                    "display_name",
                    "avatar",
                    "standards_accepted_at",
                    "deleted_at",
                )
            },
        ),
    )
    readonly_fields = ("standards_accepted_at", "deleted_at")


@admin.register(Consent)
class ConsentAdmin(ConsentAdminBase):
    list_display = (
        "user",
        "source",
        "policy_version",
        "accepted_at",
        "community_standards",
    )
    list_filter = ("source", "policy_version")
    readonly_fields = [f.name for f in Consent._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
