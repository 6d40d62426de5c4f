"""Write PNG screenshots of the main views to a folder (`make screenshots` writes them to docs/).
Builds a store from samples/ plus the situation fixtures, serves it on loopback and drives
Debian's Chromium with Playwright."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from newsgraph.nlp.pipeline import build_pipeline
from newsgraph.runner import Batch
from newsgraph.store.db import make_engine
from newsgraph.store.repository import Store
from newsgraph.web.testing import CHROMIUM, CHROMIUM_ARGS, serving

ROOT = Path(__file__).resolve().parents[1]


def main(target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        for fixture in (ROOT / "tests" / "fixtures").glob("situation-*.txt"):
            shutil.copy(fixture, folder)
        url = f"sqlite:///{folder}/shots.db"
        list(
            Batch(build_pipeline(), lambda e: None, store=Store(make_engine(url))).run(
                [folder, str(ROOT / "samples")]
            )
        )
        with serving(url) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(base + "/")
            page.wait_for_selector(".marker-cluster, .leaflet-marker-icon")
            page.wait_for_timeout(800)
            page.screenshot(path=str(target / "screenshot-map.png"))
            page.goto(base + "/search?q=Hemedti")
            page.click("table a")
            page.screenshot(path=str(target / "screenshot-document.png"), full_page=True)
            page.goto(base + "/search?q=Zelensky")
            page.click("text=Volodymyr Zelensky")
            page.screenshot(path=str(target / "screenshot-entity.png"), full_page=True)
            for name, shot in (("Piotr Halas", "screenshot-situation.png"), ("Rostov", "screenshot-control.png")):
                page.goto(base + "/search?q=" + name.replace(" ", "+"))
                page.click(f"a:text-is('{name}')")
                page.wait_for_selector("#situation")
                page.wait_for_timeout(800)  # the whereabouts map draws its base map
                page.locator("#situation").screenshot(path=str(target / shot))
            page.goto(base + "/contested")
            page.screenshot(path=str(target / "screenshot-contested.png"), full_page=True)
            browser.close()
    print(f"wrote screenshots to {target}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs"))
