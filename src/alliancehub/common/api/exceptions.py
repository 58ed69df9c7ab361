"""API errors as JSON in the request's language; nothing escapes as an HTML 500 page."""

import logging
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

logger = logging.getLogger(__name__)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, plus domain ``ValidationError`` as 400 and a uniform 404 message."""
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Not found."))
    elif isinstance(exc, exceptions.ParseError):
        # DRF's own message quotes the parser's English error text.
        exc = exceptions.ParseError(_("The request body could not be read as JSON."))
    response = drf_exception_handler(exc, context)
    if response is None:
        logger.exception("Unhandled API error", exc_info=exc)
        response = Response(
            {"detail": _("Something went wrong on our side. Please try again later.")},
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )
    return response
