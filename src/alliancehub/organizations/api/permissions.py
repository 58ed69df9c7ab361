from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request


class RegistryPermission(BasePermission):
    """Anyone reads; staff create and delete; staff or the organisation's own representative
    change a record (``organizations.edit_profile``)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in SAFE_METHODS:
            return True
        if not (request.user and request.user.is_authenticated):
            return False
        return request.method in ("PUT", "PATCH") or bool(request.user.is_staff)

    def has_object_permission(self, request: Request, view: Any, obj: Any) -> bool:
        if request.method in SAFE_METHODS:
            return True
        if request.method in ("PUT", "PATCH"):
            return bool(request.user.has_perm("organizations.edit_profile", obj))
        return bool(request.user.is_staff)
