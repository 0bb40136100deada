"""The review form: a decision, optional edits of the claim, and the two Admiralty grades."""

from __future__ import annotations

from typing import Any

from django import forms

from stationwatch import model
from stationwatch.errors import GazetteerError
from stationwatch.places import gazetteer
from stationwatch_web.evidence.models import Claim

from .selectors import station_choices


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", "Accept"), ("reject", "Reject")])
    country = forms.CharField(max_length=2, required=False, label="Country (ISO code)")
    city = forms.CharField(max_length=200, required=False)
    bureau = forms.CharField(max_length=60, required=False)
    action = forms.ChoiceField(required=False, choices=[("", "—"), *model.ACTIONS.choices()])
    credibility = forms.TypedChoiceField(coerce=int, choices=model.CREDIBILITY.choices(),
                                         label="Information credibility (1-6)")
    reliability = forms.ChoiceField(choices=model.RELIABILITY.choices(),
                                    label="Source reliability (A-F)")
    station = forms.ChoiceField(required=False, label="Attach to station")
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}),
                           max_length=2000)

    def __init__(self, *args: Any, claim: Claim, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.claim = claim
        v = claim.value
        self.fields["country"].initial = v.get("country") or ""
        self.fields["city"].initial = v.get("city") or ""
        self.fields["bureau"].initial = v.get("bureau") or ""
        action = model.ACTIONS.resolve(v.get("action"))  # the extractor's name: a synonym
        self.fields["action"].initial = action.key if action is not None else ""
        self.fields["credibility"].initial = claim.credibility if claim.status != "candidate" \
            else 3
        self.fields["reliability"].initial = claim.source.reliability
        self.stations = {str(s.pk): s for s in station_choices(claim)} \
            if claim.kind == "station" else {}
        self.fields["station"].choices = [("", "the station matching country, city and bureau "
                                                "(created if new)")] + [
            (pk, f"{s} · {s.bureau or 'bureau unknown'}") for pk, s in self.stations.items()]
        if claim.kind != "station":
            for name in ("city", "bureau", "station"):
                del self.fields[name]
        if claim.kind != "response":
            del self.fields["action"]
        if claim.kind == "bureau":
            del self.fields["country"]

    def clean_country(self) -> str:
        code = self.cleaned_data["country"].strip().upper()
        if code:
            try:
                gazetteer.country(code)
            except GazetteerError as exc:
                raise forms.ValidationError(str(exc)) from None
        elif self.claim.kind != "bureau":
            raise forms.ValidationError("a country is required")
        return code

    def edited_value(self) -> dict[str, Any]:
        """The claim's value with the form's edits (unchanged keys kept; an action the form
        shows under its domain name is unchanged when the claim holds a synonym of it)."""
        value = dict(self.claim.value)
        for key in ("country", "city", "bureau", "action"):
            if key in self.cleaned_data:
                new = self.cleaned_data[key].strip() or None
                old = value.get(key) or None
                if key == "action" and old is not None:
                    held = model.ACTIONS.resolve(old)
                    old = held.key if held is not None else old
                if new != old:
                    value[key] = new
        return value
