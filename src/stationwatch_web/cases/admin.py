"""Cases in the admin: sensitive fields typed in clear, stored sealed, shown only on the
case's own page (each showing is an audited read), never in lists or search."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from .models import Case
from .services import case_read, case_save


class CaseForm(forms.ModelForm):
    subject = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}),
                              help_text="Pseudonymous description of the person; sealed.")
    contacts = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}),
                               help_text="Sealed.")
    narrative = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 6}),
                                help_text="Sealed.")

    class Meta:
        model = Case
        fields = ["code", "country", "bureau", "tactics", "outcome", "period_start",
                  "period_end"]


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    form = CaseForm
    list_display = ("code", "country", "bureau", "outcome")
    list_filter = ("outcome", "country")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("code",) if obj is not None else ()  # the code is bound into the ciphertext

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False,
                 **kwargs: Any) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        # The admin also builds a form only to list its fields (``fields=None``): the read, and
        # its one audited `case.read`, belong to the form that is shown.
        if obj is not None and request.method == "GET" and kwargs.get("fields") is not None:
            clear = case_read(obj, actor=request.user)
            for name, value in clear.items():
                form.base_fields[name].initial = value
        return form

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a deletion would leave no audit entry: cases are closed, not removed

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        case_save(obj, actor=request.user,
                  **{name: form.cleaned_data.get(name, "") for name in Case.SENSITIVE})
