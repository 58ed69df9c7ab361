from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "alliancehub.exchange"
    verbose_name = _("Supply and demand exchange")
