"""Benchmark: atlas, search, export and API latency on a large generated dataset in SQLite.

Generates (default) 10,000 published stations, 200,000 claims and 1,000,000 sources in a fresh
SQLite data directory, then times requests through Django's WSGI handler in-process: the map
data, the station list, station pages, search, the API, and the streamed exports (rows/s).
Latencies are reported as p50/p95 in ms and as ratios to a baseline request (the sign-in page:
a template, no query) measured in the same run, since the machine is shared and noisy. The
reader's pages are also timed in English, in Simplified Chinese and without the language
middlewares, interleaved, as ratios (what the thirteen languages cost per page).
Usage: python bench/atlas.py [--scale 1.0] [--requests 40]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

WORDS = ("police", "station", "overseas", "service", "Fuzhou", "Qingtian", "Nantong", "Wenzhou",
         "embassy", "association", "restaurant", "investigation", "closure", "ministry",
         "parliament", "report", "network", "community", "return", "politiepost",
         "commissariato", "comisaría", "polizeistation", "警务", "服务站", "海外", "劝返", "公安局")


def generate(db: Path, stations: int, claims: int, sources: int, seed: int = 7) -> None:
    from stationwatch import vocab
    from stationwatch.places import gazetteer
    from stationwatch.text import search_key

    rng = random.Random(seed)
    countries = [c for c in gazetteer.countries().values() if c.code != "EU"]
    bureaus = sorted(vocab.bureaus())
    con = sqlite3.connect(db)
    con.execute("PRAGMA synchronous=OFF")
    cur = con.cursor()
    now = "2026-01-01 00:00:00"
    cur.executemany(
        "INSERT INTO atlas_bureau (key, name_en, name_zh, level, parent_id) "
        "VALUES (?, ?, '', 'city', NULL)", [(b, f"{b} Public Security Bureau") for b in bureaus])
    bureau_ids = [r[0] for r in cur.execute("SELECT id FROM atlas_bureau")]

    def source_rows():
        for i in range(1, sources + 1):
            text = " ".join(rng.choice(WORDS) for _ in range(12)) + f" doc{i}"
            yield (i, "file", f"https://news{i % 997}.example/a/{i}", f"Report {i}", "en",
                   f"{i:064x}", "text/plain", len(text), text, rng.choice("ABCDEF"), "", "",
                   None, "[]", "", None, "[]", "", i, None, search_key(text), now)

    cur.executemany(
        "INSERT INTO evidence_source (id, kind, url, title, language, sha256, media_type, size, "
        "text, reliability, warc_record_id, origin, origin_offset, tags, requested_url, "
        "http_status, http_headers, capture_sha256, story_group, minhash, search_text, "
        "created_at, publisher, published_at, retrieved_at) VALUES "
        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', NULL, NULL)",
        source_rows())
    start = date(2018, 1, 1)
    station_rows = []
    for i in range(1, stations + 1):
        c = rng.choice(countries)
        lat, lon = rng.uniform(-50, 65), rng.uniform(-170, 175)
        station_rows.append((i, f"st-{i}", c.code, f"City {i}", f"City {i}", "", None, lat, lon,
                             rng.choice(bureau_ids), "", "unknown", "",
                             rng.choice(["reported", "investigated", "closure_ordered",
                                         "closed"]),
                             (start + timedelta(days=rng.randrange(2900))).isoformat(), "day",
                             0, "", c.continent,
                             rng.choice(["single_weak", "single", "corroborated", "strong"]),
                             rng.randrange(1, 6), 1, now, now))
    cur.executemany(
        "INSERT INTO atlas_station (id, key, country, location_label, city, region, geonameid, "
        "latitude, longitude, bureau_id, bureau_label, front_type, front_detail, status, "
        "reported_on, reported_precision, uncertain, notes, continent, confidence, "
        "independent_sources, published, created_at, updated_at, investigated_on, "
        "closure_ordered_on, closed_on, charged_on, convicted_on, reference_values) VALUES (?, ?, "
        "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, "
        "NULL, NULL, '{}')",
        station_rows)
    claim_rows, links = [], []
    for i in range(1, claims + 1):
        st = station_rows[rng.randrange(stations)]
        accepted = rng.random() < 0.3
        value = json.dumps({"country": st[2], "city": st[4], "bureau": None})
        claim_rows.append((i, rng.randrange(1, sources + 1), "station", value, value,
                           '[{"start": 0, "end": 6, "quote": "police"}]',
                           "accepted" if accepted else "candidate", rng.randrange(1, 7),
                           "bench/1", 0, "", now))
        if accepted:
            links.append((st[0], i))
    cur.executemany(
        "INSERT INTO evidence_claim (id, source_id, kind, value, machine_value, evidence, "
        "status, credibility, extractor_version, needs_review, review_note, created_at, key, "
        "reviewer_id, reviewed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL)",
        claim_rows)
    cur.executemany("INSERT INTO atlas_station_claims (station_id, claim_id) VALUES (?, ?)",
                    links)
    con.commit()
    # No ANALYZE here: the app keeps its own statistics (`stationwatch_web.db`), and the
    # benchmark must see what a real installation sees after a bulk load.
    con.close()


def generated_atlas(tmp: str, stations: int, claims: int, sources: int) -> None:
    """A fresh SQLite data directory in ``tmp``, migrated, filled by ``generate``."""
    os.environ.update(STATIONWATCH_DATA_DIR=tmp, DJANGO_SETTINGS_MODULE=
                      "stationwatch_web.settings", STATIONWATCH_LOAD_REFERENCE_ON_START="0",
                      # The benchmark's account signs in without a second factor.
                      STATIONWATCH_REQUIRE_MFA="false")
    os.environ.pop("DATABASE_URL", None)
    from stationwatch_web.setup import database_ready

    database_ready(migrate=True, load_reference=False)
    from django.db import connections

    connections.close_all()
    t = time.perf_counter()
    generate(Path(tmp) / "stationwatch.sqlite3", stations, claims, sources)
    print(f"generated {stations:,} stations, {claims:,} claims, {sources:,} sources in "
          f"{time.perf_counter() - t:.0f} s", file=sys.stderr)


def timed(client, path: str, n: int, **params) -> list[float]:
    out = []
    for _ in range(n):
        t = time.perf_counter()
        response = client.get(path, params)
        if getattr(response, "streaming", False):
            for _chunk in response.streaming_content:
                pass
        assert response.status_code == 200, (path, response.status_code)
        out.append((time.perf_counter() - t) * 1000)
    return out


def languages(n_st: int, n: int) -> None:
    """The cost of the thirteen languages: each reader's page in English (unprefixed), in
    Simplified Chinese (prefixed: catalogue, CLDR names, GeoNames city names) and in English
    with the two language middlewares left out, interleaved in one run, as a reader
    (anonymous: the HTTP cache's validator is computed, no 304 is asked for)."""
    from django.conf import settings
    from django.test import Client, override_settings
    from django.utils import translation

    from stationwatch_web.atlas.models import Station

    country = Station.objects.get(key=f"st-{max(1, n_st // 2)}").country
    pages = {"home page": "", "station list, page 1": "stations/",
             "station page": f"stations/st-{max(1, n_st // 2)}/",
             "country page": f"countries/{country}/",
             "statistics page": "statistics/", "search 'Prato'": "search/?q=Prato"}
    plain = [m for m in settings.MIDDLEWARE if "locale" not in m and ".language." not in m]
    clients = {"en": Client(HTTP_HOST="127.0.0.1"), "zh-hans": Client(HTTP_HOST="127.0.0.1")}
    with override_settings(MIDDLEWARE=plain):
        bare = Client(HTTP_HOST="127.0.0.1")
        bare.get("/")  # the handler loads its middleware now, without the language ones
    translation.activate("en")
    runs: dict[str, dict[str, list[float]]] = {name: {"en": [], "zh-hans": [], "bare": []}
                                               for name in pages}
    for name, path in pages.items():
        for _ in range(n + 2):  # interleaved: the machine's noise falls on all three alike
            runs[name]["en"] += timed(clients["en"], f"/{path}", 1)
            runs[name]["zh-hans"] += timed(clients["zh-hans"], f"/zh-hans/{path}", 1)
            # Without LocaleMiddleware nothing resets the thread's language (the URLconf
            # reads it): English, as a process that never served another language has.
            translation.activate("en")
            runs[name]["bare"] += timed(bare, f"/{path}", 1)
    for by in runs.values():
        for times in by.values():
            del times[:2]  # the warm-up
    print(f"{'page (p50 ms)':40} {'en':>8} {'zh-hans':>8} {'no i18n':>8} {'zh/en':>6} "
          f"{'en/no':>6}")
    for name, by in runs.items():
        en, zh, no = (statistics.median(by[k]) for k in ("en", "zh-hans", "bare"))
        print(f"{name:40} {en:8.1f} {zh:8.1f} {no:8.1f} {zh / en:6.2f} {en / no:6.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0,
                        help="fraction of 10,000 stations / 200,000 claims / 1,000,000 sources")
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    n_st, n_cl, n_so = (max(10, int(x * args.scale)) for x in (10_000, 200_000, 1_000_000))
    with tempfile.TemporaryDirectory() as tmp:
        generated_atlas(tmp, n_st, n_cl, n_so)
        from django.contrib.auth.models import User
        from django.test import Client

        client = Client(HTTP_HOST="127.0.0.1")
        user = User.objects.create_superuser("bench", password="bench-password-long")
        client.force_login(user)
        n = args.requests
        rng = random.Random(1)
        cases = {
            "baseline: sign-in page": ("/accounts/login/", {}),
            "map data (all stations)": ("/map-data.json", {}),
            "map data (continent=EU)": ("/map-data.json", {"continent": "EU"}),
            "home page": ("/", {}),
            "station list, page 1": ("/stations/", {}),
            "station list, filtered": ("/stations/", {"continent": "AS", "status": "closed"}),
            "station page": None,
            "statistics page": ("/statistics/", {}),
            "API /api/stations?limit=100": ("/api/stations", {"limit": 100}),
            "search 'Qingtian' (trigram FTS)": ("/search/", {"q": "qingtian community"}),
            "search '服务站' (CJK, trigram FTS)": ("/search/", {"q": "服务站"}),
            "search 'doc4242' (rare)": ("/search/", {"q": f"doc{min(4242, n_so)} "}),
        }
        results = {}
        for name, case in cases.items():
            if case is None:
                results[name] = [timed(client, f"/stations/st-{rng.randrange(1, n_st + 1)}/",
                                       1)[0] for _ in range(n)]
            else:
                # The sign-in page is for the signed-out: the baseline is asked anonymously.
                who = Client(HTTP_HOST="127.0.0.1") if name.startswith("baseline") else client
                timed(who, case[0], 2, **case[1])  # warm up
                results[name] = timed(who, case[0], n, **case[1])
        base = statistics.median(results["baseline: sign-in page"])
        print(f"{'request':40} {'p50 ms':>8} {'p95 ms':>8} {'p95/base':>9}")
        for name, ms in results.items():
            ms.sort()
            p95 = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
            print(f"{name:40} {statistics.median(ms):8.1f} {p95:8.1f} {p95 / base:9.1f}")
        languages(n_st, n)
        print(f"{'export':40} {'rows':>8} {'s':>8} {'rows/s':>9}")
        for name in ("stations.csv", "stations.geojson", "stations.json", "responses.csv"):
            ms = timed(client, f"/exports/{name}", 1)[0]
            rows = n_st if name.startswith("stations") else 0
            print(f"{name:40} {rows:8} {ms / 1000:8.2f} {rows / (ms / 1000):9.0f}")


if __name__ == "__main__":
    main()
