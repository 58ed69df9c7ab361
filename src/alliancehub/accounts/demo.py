"""The demo sign-in: ``demo`` with ``ALLIANCEHUB_DEMO_PASSWORD`` (default ``demo``)."""

from django.conf import settings

from .models import User

DEMO_USERNAME = "demo"


def load() -> str:
    """Create the demo secretariat user, or reset its password to the configured one."""
    user, created = User.objects.get_or_create(
        username=DEMO_USERNAME,
        defaults={"display_name": "演示秘书处 Demo secretariat", "is_staff": True},
    )
    user.set_password(settings.DEMO_PASSWORD)
    user.save(update_fields=["password"])
    return f"sign-in: {DEMO_USERNAME} / {settings.DEMO_PASSWORD}" + (
        " (created)" if created else ""
    )
