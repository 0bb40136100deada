"""The review form: a decision, optional edits of the claim, and the two Admiralty grades."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from stationwatch import model
from stationwatch.errors import GazetteerError
from stationwatch.places import gazetteer
from stationwatch_web.atlas.models import Station
from stationwatch_web.atlas.services import response_stations
from stationwatch_web.evidence.models import Claim
from stationwatch_web.locales import vocab, vocab_choices

from .selectors import station_choices

#: What the form says about the stations it ticked for a response (lifecycle.concerned).
_PROPOSAL = {
    "named": _("Ticked: the stations whose place the evidence names."),
    "country": _("Ticked: every station of the country, as the evidence says."),
    "only": _("Ticked: the country's only station."),
    "unrelated": _("None ticked: the evidence says it is not about a station."),
    "unlinked": _("None ticked: the evidence names no station; tick those it concerns."),
}


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Accept")), ("reject", _("Reject"))])
    country = forms.CharField(max_length=2, required=False, label=_("Country (ISO code)"))
    city = forms.CharField(max_length=200, required=False)
    bureau = forms.CharField(max_length=60, required=False)
    # The domain's choices with their labels in the reviewer's language.
    action = forms.ChoiceField(required=False,
                               choices=[("", "—"), *vocab_choices(model.ACTIONS.choices())])
    credibility = forms.TypedChoiceField(coerce=int,
                                         choices=vocab_choices(model.CREDIBILITY.choices()),
                                         label=_("Information credibility (1-6)"))
    reliability = forms.ChoiceField(choices=vocab_choices(model.RELIABILITY.choices()),
                                    label=_("Source reliability (A-F)"))
    station = forms.ChoiceField(required=False, label=_("Attach to station"))
    concerns = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple,
        label=_("Stations this action concerns"))
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
        self.fields["station"].choices = [("", _("the station matching country, city and bureau "
                                                  "(created if new)"))] + [
            (pk, f"{s} · {s.bureau or _('bureau unknown')}") for pk, s in self.stations.items()]
        if claim.kind != "station":
            for name in ("city", "bureau", "station"):
                del self.fields[name]
        if claim.kind == "response":
            self._concerns_init()
        else:
            del self.fields["action"]
            del self.fields["concerns"]
        if claim.kind == "bureau":
            del self.fields["country"]

    def _concerns_init(self) -> None:
        """The country's stations, those the evidence names ticked (the reviewer changes
        the link here)."""
        proposed, how = response_stations(self.claim)
        self.concern_choices = {str(s.pk): s for s in station_choices(self.claim)}
        self.proposed = {str(s.pk) for s in proposed}
        field = self.fields["concerns"]
        field.choices = [(pk, f"{s} · {vocab(s.get_status_display())}")
                         for pk, s in self.concern_choices.items()]
        field.initial = sorted(self.proposed)
        field.help_text = _PROPOSAL[how]

    def concerned_stations(self) -> list[Station] | None:
        """The stations the reviewer ticked, or None when they kept the proposal."""
        chosen = set(self.cleaned_data.get("concerns") or ())
        if chosen == self.proposed:
            return None
        return [self.concern_choices[pk] for pk in sorted(chosen)]

    def clean_country(self) -> str:
        code = self.cleaned_data["country"].strip().upper()
        if code:
            try:
                gazetteer.country(code)
            except GazetteerError as exc:
                raise forms.ValidationError(str(exc)) from None
        elif self.claim.kind != "bureau":
            raise forms.ValidationError(_("a country is required"))
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
