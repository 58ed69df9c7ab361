from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditLogEntry(models.Model):
    """One change to one object: who, when, through which channel, and the field changes.

    Entries are only ever added. ``object_id`` is text so any primary key fits, and
    ``object_repr`` keeps the object's name readable after it has been deleted.
    """

    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("updated")
        DELETE = "delete", _("deleted")

    class Source(models.TextChoices):
        WEB = "web", _("web page")
        API = "api", _("API")
        IMPORT = "import", _("import")
        ADMIN = "admin", _("administration")
        SYSTEM = "system", _("system")

    timestamp = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    source = models.CharField(_("through"), max_length=16, choices=Source.choices)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("object type"), on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.CharField(_("object id"), max_length=64)
    object = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(_("object"), max_length=300)
    changes = models.JSONField(
        _("changes"),
        default=dict,
        blank=True,
        help_text=_('Changed fields as {"field": [before, after]}.'),
    )

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        ordering = ["-timestamp", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-timestamp"])]

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.get_action_display()} {self.object_repr}"
