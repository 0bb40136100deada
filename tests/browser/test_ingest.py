"""An analyst signs in, uploads documents in the browser, and watches the job finish."""

from __future__ import annotations

from tests.browser.conftest import screenshot, sign_in
from tests.conftest import DEV_DOCS, query

DOCS = DEV_DOCS


def test_upload_in_the_browser_runs_as_a_background_job(served_atlas, page, app_database):
    sign_in(page, served_atlas, app_database)
    page.goto(served_atlas + "ingest/")
    page.wait_for_url("**/ingest/")
    screenshot(page, "ingest")

    page.get_by_label("Files (text, HTML, PDF, WARC, JSONL)").set_input_files(
        [str(DOCS / "d004.txt"), str(DOCS / "d005.html")])
    page.get_by_label("Tags (comma-separated)").first.fill("browser")
    page.get_by_role("button", name="Upload and ingest").click()
    page.wait_for_url("**/ingest/jobs/*/")
    # The page refreshes itself until the worker beside `serve` has finished the job.
    page.locator('.job-state[data-state="done"]').wait_for(timeout=90_000)
    assert page.locator(".job-created").inner_text() == "2"
    assert page.locator("progress").get_attribute("value") == "2"
    screenshot(page, "ingest-job-done")
    assert query(app_database, "select origin from evidence_source where origin like 'upload:%' "
                               "order by origin") == [
        ("upload:d004.txt",), ("upload:d005.html",)]
