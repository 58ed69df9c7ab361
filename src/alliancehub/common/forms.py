"""How forms render: Bootstrap 5 markup from one template, for every form in the project."""

from django.forms.renderers import TemplatesSetting


class BootstrapFormRenderer(TemplatesSetting):
    form_template_name = "common/forms/form.html"
    field_template_name = "common/forms/field.html"
