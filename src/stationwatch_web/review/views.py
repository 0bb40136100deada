"""Review pages: the queue of candidate claims grouped by proposed station, and one claim with
its evidence highlighted, its grades and the decision form (keyboard: a, r, n)."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from stationwatch import model
from stationwatch_web.access import get_visible_or_404, perm_or_404, perm_required
from stationwatch_web.evidence.models import Claim
from stationwatch_web.params import clean_param

from . import selectors
from .forms import ReviewForm
from .services import ReviewError, claim_review

CAN_REVIEW = "evidence.change_claim"


@perm_required(CAN_REVIEW)
def queue(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    if kind and kind not in model.CLAIM_KINDS:
        raise Http404("no such claim kind")
    rereview = request.GET.get("rereview") == "1"
    return render(request, "review/queue.html", {
        "groups": selectors.queue_groups(kind=kind, rereview=rereview), "kind": kind,
        "rereview": rereview, "kinds": model.CLAIM_KINDS.choices(),
        "pending": selectors.queue_claims().count(),
        "flagged": selectors.queue_claims(rereview=True).count()})


@perm_required(CAN_REVIEW)
def group(request: HttpRequest) -> HttpResponse:
    params = {k: clean_param(request.GET.get(k, "")) for k in ("kind", "country", "city",
                                                               "bureau", "action", "name")}
    claims = selectors.group_claims(**params, rereview=request.GET.get("rereview") == "1")
    first = claims.first()
    if first is None:
        messages.info(request, "That group has nothing left to review.")
        return redirect("review-queue")
    return redirect("review-claim", pk=first.pk)


@perm_or_404(CAN_REVIEW)
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    claim = cast(Claim, get_visible_or_404(
        request.user, Claim.objects.select_related("source", "reviewer"), pk=pk))
    form = ReviewForm(request.POST or None, claim=claim)
    if request.method == "POST" and form.is_valid():
        station = form.stations.get(form.cleaned_data.get("station") or "")
        try:
            reviewed = claim_review(
                claim=claim, user=request.user, decision=form.cleaned_data["decision"],
                value=form.edited_value(), credibility=form.cleaned_data["credibility"],
                reliability=form.cleaned_data["reliability"], station=station,
                note=form.cleaned_data["note"],
                stations=form.concerned_stations() if claim.kind == "response" else None)
        except ReviewError as exc:
            form.add_error(None, str(exc))
        else:
            if reviewed.status == "candidate":
                messages.info(request, f"Claim {claim.pk} is now your proposal. Under "
                                       "two-person review another analyst accepts it.")
            else:
                messages.success(request,
                                 f"Claim {claim.pk} {form.cleaned_data['decision']}ed.")
            following = selectors.next_claim(claim)
            return redirect("review-claim", pk=following.pk) if following \
                else redirect("review-queue")
    source = claim.source
    return render(request, "review/claim.html", {
        "claim": claim, "source": source, "form": form,
        "pieces": selectors.highlighted(source.text, claim.evidence),
        "full": selectors.highlighted(source.text, claim.evidence, context=None),
        "stations": claim.stations.all(), "levels": model.CONFIDENCE.choices(),
        "subject": selectors.claim_subject(claim),
        "proposed": selectors.value_rows(claim.value),
        "machine": selectors.value_rows(claim.machine_value)
        if claim.machine_value is not None and claim.machine_value != claim.value else [],
        "decisions": selectors.claim_decisions(claim),
        "next": selectors.next_claim(claim)}, status=400 if form.errors else 200)
