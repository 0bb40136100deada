"""Forms of the ingest pages: they validate, the views only enqueue."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from stationwatch.capture import CaptureError, FetchPolicy, validate_url

from .ingest import MAX_FILE_BYTES


def _tags(value: str) -> list[str]:
    return [t.strip() for t in value.split(",") if t.strip()][:20]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    files = MultipleFileField(label=_("Files (text, HTML, PDF, WARC, JSONL)"),
                              allow_empty_file=True)
    tags = forms.CharField(required=False, max_length=300, label=_("Tags (comma-separated)"))

    def clean_files(self) -> list[Any]:
        files = self.cleaned_data["files"]
        for f in files:
            if f.size > MAX_FILE_BYTES:
                raise forms.ValidationError(
                    f"{f.name}: too large ({f.size:,} bytes; limit {MAX_FILE_BYTES:,})")
        return list(files)

    def clean_tags(self) -> list[str]:
        return _tags(self.cleaned_data["tags"])


class CaptureForm(forms.Form):
    urls = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label=_("URLs, one per line"))
    tags = forms.CharField(required=False, max_length=300, label=_("Tags (comma-separated)"))

    def clean_urls(self) -> list[str]:
        lines = [u.strip() for u in self.cleaned_data["urls"].splitlines() if u.strip()]
        if len(lines) > 1000:
            raise forms.ValidationError(_("at most 1,000 URLs at a time"))
        policy = FetchPolicy.from_settings(settings.SW)
        out, problems = [], []
        for line in lines:
            try:
                out.append(validate_url(line, policy))
            except CaptureError as exc:
                problems.append(str(exc))
        if problems:
            raise forms.ValidationError(problems)
        if not out:
            raise forms.ValidationError(_("give at least one URL"))
        return out

    def clean_tags(self) -> list[str]:
        return _tags(self.cleaned_data["tags"])


class FeedForm(forms.Form):
    url = forms.CharField(max_length=2000, label=_("Feed URL (RSS or Atom)"))

    def clean_url(self) -> str:
        try:
            return validate_url(self.cleaned_data["url"], FetchPolicy.from_settings(settings.SW))
        except CaptureError as exc:
            raise forms.ValidationError(str(exc)) from None
