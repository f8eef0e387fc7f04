"""Chromium through Playwright, as the browser tests drive it: patient launches, the search
typed as a reader types it, axe-core's findings, transitions let finish."""

from __future__ import annotations

from collections.abc import Iterator

from support.project import ROOT

# How long a browser step may wait: a guard against a hang, never against slowness.
PATIENCE_MS = 300_000
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# What the search box shows before a query is typed, in each script.
PLACEHOLDERS = ("键入以开始搜索", "打字進行搜尋")


def chromium() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (Playwright cannot download a browser here),
    every context and page of it patient (PATIENCE_MS); a generator, for a fixture."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        # Playwright waits 30 s for a page or an element by default: on a busy machine
        # that fails a test for slowness. Every context and page here waits up to 5 min.
        new_context, new_page = browser.new_context, browser.new_page

        def patient_context(*args: object, **kwargs: object):
            context = new_context(*args, **kwargs)
            context.set_default_timeout(PATIENCE_MS)
            context.set_default_navigation_timeout(PATIENCE_MS)
            return context

        def patient_page(*args: object, **kwargs: object):
            page = new_page(*args, **kwargs)
            page.set_default_timeout(PATIENCE_MS)
            page.set_default_navigation_timeout(PATIENCE_MS)
            return page

        browser.new_context, browser.new_page = patient_context, patient_page
        yield browser
        browser.close()


def run_query(tab, query: str) -> list[dict[str, str]]:
    """Type the query as a reader does and return the results as shown."""
    tab.bring_to_front()  # a background tab is throttled
    box = tab.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press("End")  # typing CJK fires no keyup in Playwright; End does
    tab.wait_for_function(
        "placeholders => placeholders.some(p => "
        "document.querySelector('.md-search-result__meta').textContent.includes(p))",
        arg=list(PLACEHOLDERS),
        polling=50,
    )
    box.fill(query)
    box.press("End")
    tab.wait_for_function(
        "placeholders => !placeholders.some(p => "
        "document.querySelector('.md-search-result__meta').textContent.includes(p))",
        arg=list(PLACEHOLDERS),
        polling=50,
    )
    return tab.evaluate(
        """() => [...document.querySelectorAll('li.md-search-result__item')].map(li => ({
            page: li.querySelector(':scope > a').href,
            links: [...li.querySelectorAll('a.md-search-result__link')].map(a => a.href),
            sections: [...li.querySelectorAll('article h2')].map(h => h.textContent),
            marks: [...li.querySelectorAll('mark')].map(m => m.textContent),
        }))"""
    )


def axe_violations(page) -> list[dict]:
    """axe-core's serious and critical violations on the page as it is now."""
    # Evaluated through the browser's devtools protocol, not added as a <script>: the
    # page's Content-Security-Policy refuses inline scripts, and stays in force.
    page.evaluate("source => (0, eval)(source)", AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
            "help": v["help"],
        }
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def settled(page) -> None:
    """Wait for CSS transitions: measured halfway, a colour is not yet its own. A transition
    that another replaces is cancelled, and its `finished` rejects (AbortError): wait for
    what runs then, until nothing does."""
    page.evaluate(
        """async () => {
            for (let round = 0; round < 100; round++) {
                const running = document.getAnimations();
                if (running.length === 0) return;
                await Promise.allSettled(running.map(a => a.finished));
            }
        }"""
    )
