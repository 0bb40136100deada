"""The web's fields and forms offer exactly the domain's members (vocab/domain.yaml), and a
claim stored under the extractor's name for an action still loads as that action."""

import pytest
from django.apps import apps

from stationwatch import model
from stationwatch_web.atlas.models import Station
from stationwatch_web.evidence.models import Claim, IngestJob, Source
from stationwatch_web.review.forms import ReviewForm

ENUMERATIONS = [v for v in vars(model).values() if isinstance(v, model.Enumeration)]


def test_every_model_field_with_choices_draws_them_from_the_domain():
    # A background job's kind and state are the job queue's bookkeeping, not the domain's.
    fields = [f for m in apps.get_models() if m.__module__.startswith("stationwatch_web")
              and m is not IngestJob
              for f in m._meta.get_fields() if getattr(f, "choices", None)]
    assert len(fields) >= 11
    for f in fields:
        assert any(list(f.choices) == e.choices() for e in ENUMERATIONS), f


def test_every_status_is_dated_by_a_station_field():
    dates = {f.name for f in Station._meta.concrete_fields
             if f.get_internal_type() == "DateField"}
    assert {s.date_field for s in model.STATUSES} <= dates


@pytest.mark.django_db
def test_the_review_form_shows_a_stored_synonym_as_its_action_and_keeps_it_unedited():
    source = Source.objects.create(kind="file", sha256="b" * 64)
    claim = Claim.objects.create(source=source, kind="response", key="k1",
                                 value={"country": "NL", "action": "closure"})
    form = ReviewForm({"decision": "accept", "country": "NL", "action": "closure_ordered",
                       "credibility": "2", "reliability": "B"}, claim=claim)
    assert form.fields["action"].initial == "closure_ordered"
    assert [k for k, _ in form.fields["action"].choices][1:] == model.ACTIONS.keys()
    assert form.is_valid(), form.errors
    assert form.edited_value()["action"] == "closure"  # unchanged: the same action
    form = ReviewForm({"decision": "accept", "country": "NL", "action": "arrest",
                       "credibility": "2", "reliability": "B"}, claim=claim)
    assert form.is_valid() and form.edited_value()["action"] == "arrest"
