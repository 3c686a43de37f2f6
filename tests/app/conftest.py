"""A real staff page (Voila on the real notebook) and a real Chromium to use it."""

from __future__ import annotations

from pathlib import Path

import pytest

from kpureport.output.export import BROWSER_ARGS, find_browser


@pytest.fixture
def app_server(tmp_path: Path):
    """``kpureport app``'s server on an empty data folder of this test's own."""
    from kpureport.app import server

    if server.missing():
        pytest.skip(f"the app extra is not installed: {server.missing()}")
    running = server.start(tmp_path / "data", tmp_path / "outputs")
    try:
        yield running
    finally:
        running.close()


@pytest.fixture
def chromium():
    from playwright.sync_api import sync_playwright

    path = find_browser()
    if path is None:
        pytest.skip("no Chromium-family browser here")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(path), args=[*BROWSER_ARGS, "--no-sandbox"]
        )
        try:
            yield browser
        finally:
            browser.close()
