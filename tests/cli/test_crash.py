"""Crash safety: 20 SIGKILLs at random points, during ingest and during review. After each,
the database passes its integrity check, no accepted claim is lost, no blob is half-written,
the audit chain holds, and the work resumes where it stopped.

Each kill waits for the state it needs, never for a fixed time, so a loaded machine only makes
the test slower: an ingest is killed once it has stored a random number of new sources, a
review once it has reported a random number of committed acceptances, each followed by a short
random delay so the kill lands anywhere in the work on the next document or claim."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import tempfile
import threading
import time

import pytest

from tests.cli.test_ingest import run
from tests.conftest import DEV_DOCS, query, stationwatch_command

DOCS = DEV_DOCS
KILLS_EACH = 10
SOURCES = 61  # in DOCS
DEADLINE = 300  # seconds one process may take to reach the state a kill waits for
POLL = 0.01

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


def sources(env) -> int:
    return query(env, "select count(*) from evidence_source")[0][0]


def kill_ingest_after(env, rng: random.Random) -> None:
    """Start an ingest, wait until it has stored 1-5 more sources, then kill it within 50 ms."""
    before = sources(env)
    target = min(before + rng.randint(1, 5), SOURCES - 6)  # never lets it finish first
    with tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen([stationwatch_command(), "ingest", DOCS], env=env,
                                stdout=subprocess.DEVNULL, stderr=err)
        deadline = time.monotonic() + DEADLINE
        while sources(env) < target:
            if proc.poll() is not None:
                err.seek(0)
                raise AssertionError(f"ingest ended ({proc.returncode}) before storing source "
                                     f"{target}: {err.read()}")
            assert time.monotonic() < deadline, f"ingest stored no source {target} in {DEADLINE} s"
            time.sleep(POLL)
        time.sleep(rng.uniform(0, 0.05))
        assert proc.poll() is None, "ingest finished before the kill"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()


def kill_review_after(env, rng: random.Random) -> set[int]:
    """Start the reviewer, wait until it has reported 1-2 committed acceptances, then kill it
    within 50 ms. Returns every claim it reported as committed."""
    wanted = rng.randint(1, 2)
    lines: list[str] = []
    with subprocess.Popen([stationwatch_command(), "manage", "shell", "--no-imports",
                           "-c", REVIEWER],
                          env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          text=True) as proc:
        reader = threading.Thread(target=lambda: lines.extend(proc.stdout), daemon=True)
        reader.start()
        deadline = time.monotonic() + DEADLINE
        while len(lines) < wanted and proc.poll() is None:
            assert time.monotonic() < deadline, f"no {wanted} acceptances in {DEADLINE} s"
            time.sleep(POLL)
        if proc.poll() is None:
            time.sleep(rng.uniform(0, 0.05))
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        reader.join(timeout=60)
    assert len(lines) >= wanted or proc.returncode == 0, (
        f"the reviewer ended ({proc.returncode}) after {len(lines)} acceptances")
    return {int(x) for x in "".join(lines).split() if x.isdigit()}


# About 45 processes (each kill, then `verify`): minutes on a busy machine, and no fixed sleep
# to shorten, so it gets more than the suite's 300 s per test.
@pytest.mark.timeout(900)
def test_twenty_kills_lose_nothing(app_database):
    env = app_database
    rng = random.Random(20261128)
    run(env, "migrate")
    for _ in range(KILLS_EACH):  # kills during ingest
        kill_ingest_after(env, rng)
        healthy(env)
    assert sources(env) < SOURCES
    final = run(env, "ingest", DOCS).stdout
    assert sources(env) == SOURCES, final
    healthy(env)

    subprocess.run([stationwatch_command(), "manage", "shell", "-c",
                    "from django.contrib.auth.models import User; "
                    "User.objects.create_user('crash', password='c' * 16)"],
                   env=env, check=True, capture_output=True, timeout=120)
    accepted: set[int] = set()
    for _ in range(KILLS_EACH):  # kills during review
        accepted |= kill_review_after(env, rng)
        healthy(env)
        in_db = {i for (i,) in query(env, "select id from evidence_claim "
                                          "where status = 'accepted'")}
        assert accepted <= in_db  # every acceptance reported as committed is still there
    assert accepted
