"""Crash safety: 20 SIGKILLs at random points, during ingest and during review. After each,
the database passes its integrity check, no accepted claim is lost, no blob is half-written,
the audit chain holds, and the work resumes where it stopped."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time

from tests.cli.test_ingest import run
from tests.conftest import DEV_DOCS, query, stationwatch_command

DOCS = DEV_DOCS
KILLS_EACH = 10

# Accepts candidate claims one by one, printing each id once its transaction has committed.
REVIEWER = """
import sys
from django.contrib.auth.models import User
from stationwatch_web.evidence.models import Claim
from stationwatch_web.review.services import claim_review
user = User.objects.get(username="crash")
for claim in Claim.objects.filter(status="candidate", kind="bureau").order_by("id"):
    claim_review(claim=claim, user=user, decision="accept", credibility=3, reliability="C")
    print(claim.pk, flush=True)
"""


def healthy(env) -> None:
    if not env.get("DATABASE_URL"):
        assert query(env, "PRAGMA integrity_check") == [("ok",)]
    report = run(env, "verify").stdout
    assert "hash chain intact" in report and "PROBLEM" not in report


def test_twenty_kills_lose_nothing(app_database):
    env = app_database
    rng = random.Random(20261128)
    run(env, "migrate")
    for _ in range(KILLS_EACH):  # kills during ingest
        proc = subprocess.Popen([stationwatch_command(), "ingest", DOCS], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(1.0, 6.0))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        healthy(env)
    final = run(env, "ingest", DOCS).stdout
    assert query(env, "select count(*) from evidence_source") == [(61,)], final
    healthy(env)

    subprocess.run([stationwatch_command(), "manage", "shell", "-c",
                    "from django.contrib.auth.models import User; "
                    "User.objects.create_user('crash', password='c' * 16)"],
                   env=env, check=True, capture_output=True, timeout=120)
    accepted: set[int] = set()
    for _ in range(KILLS_EACH):  # kills during review
        proc = subprocess.Popen([stationwatch_command(), "manage", "shell", "--no-imports",
                                 "-c", REVIEWER],
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                text=True)
        time.sleep(rng.uniform(1.5, 4.0))
        os.kill(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        accepted |= {int(x) for x in out.split() if x.isdigit()}
        healthy(env)
        in_db = {i for (i,) in query(env, "select id from evidence_claim "
                                          "where status = 'accepted'")}
        assert accepted <= in_db  # every acceptance reported as committed is still there
    assert accepted, "no review completed before the kills: raise the delays"
