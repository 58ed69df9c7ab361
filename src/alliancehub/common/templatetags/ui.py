"""Small template helpers for Bootstrap markup."""

from typing import Any

from django import forms, template
from django.utils.safestring import SafeString

register = template.Library()

_CHECK = (forms.CheckboxInput, forms.RadioSelect, forms.CheckboxSelectMultiple)


@register.filter
def is_checkbox(field: forms.BoundField) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.simple_tag
def widget(field: forms.BoundField) -> SafeString:
    """The field's widget with Bootstrap's class for its kind and ``is-invalid`` on errors."""
    widget = field.field.widget
    if isinstance(widget, _CHECK):
        css = "form-check-input"
    elif isinstance(widget, forms.Select | forms.SelectMultiple):
        css = "form-select"
    else:
        css = "form-control"
    if field.errors:
        css += " is-invalid"
    attrs: dict[str, str | bool] = {"class": f"{widget.attrs.get('class', '')} {css}".strip()}
    if field.help_text:
        attrs["aria-describedby"] = f"{field.auto_id}_helptext"
    return field.as_widget(attrs=attrs)


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    """``mapping[key]`` in a template, or None."""
    return mapping.get(key) if mapping else None
