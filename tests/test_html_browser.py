"""The HTML report in a real browser: headless Chromium (Debian's), driven by selenium.

Skipped, with the reason, where Chromium or its driver is not installed (``.ci/run``
installs Debian's ``chromium`` and ``chromium-driver`` when it can).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import ghlicense
from builders import run

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER),
    reason="headless Chromium is not installed (apt-get install chromium chromium-driver)",
)


def test_the_page_renders_and_its_search_filters(tmp_path: Path) -> None:
    """No JavaScript error; the chart and the table render; a search leaves fewer rows."""
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.common.by import By

    rows = [
        {
            "github_com_login": f"member{n:03}",
            "github_com_verified_domain_emails": f"m{n}@example.com",
        }
        for n in range(150)
    ]
    rows.append(
        {
            "github_com_login": "<img src=x onerror=alert(1)>",
            "github_com_verified_domain_emails": "z@example.com",
        }
    )
    page = tmp_path / "report.html"
    page.write_text(ghlicense.render_html(run(rows)), encoding="utf-8")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", f"--user-data-dir={tmp_path / 'profile'}",
    ):  # fmt: skip
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = webdriver.ChromeService(executable_path=str(DRIVER))
    browser = webdriver.Chrome(options=options, service=service)
    try:
        browser.get(page.as_uri())
        errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
        assert errors == []
        assert browser.find_element(By.ID, "chart").find_elements(By.TAG_NAME, "rect")
        shown = browser.find_elements(By.CSS_SELECTOR, "#persons-body tr")
        assert len(shown) == 100  # one page of 151
        browser.find_element(By.ID, "search").send_keys("member01")
        left = browser.find_elements(By.CSS_SELECTOR, "#persons-body tr")
        assert 0 < len(left) < len(shown)
        assert all("member01" in row.text for row in left)
        browser.find_element(By.ID, "search").clear()
        browser.find_element(By.ID, "search").send_keys("onerror")
        (odd,) = browser.find_elements(By.CSS_SELECTOR, "#persons-body tr")
        assert "<img src=x onerror=alert(1)>" in odd.text  # shown as text, never run
        browser.save_screenshot(str(tmp_path / "report.png"))
        assert (tmp_path / "report.png").stat().st_size > 0
    finally:
        browser.quit()
