"""AllianceHub: a platform for industrial alliances and industry-chain collaboration."""

from .celery import app as celery_app

__all__ = ["celery_app"]
