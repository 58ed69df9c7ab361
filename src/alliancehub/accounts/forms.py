from django import forms
from django.contrib.auth.forms import AuthenticationForm


class SignInForm(AuthenticationForm):
    """The sign-in form with Bootstrap classes and the right autocomplete hints."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update(
            {"class": "form-control", "autocomplete": "username"}
        )
        self.fields["password"].widget = forms.PasswordInput(
            attrs={"class": "form-control", "autocomplete": "current-password"}
        )
