"""The network page in headless Chromium: it draws, offline, and runs nothing from the data.

Needs ``/usr/bin/chromium`` (Debian: ``apt-get install -y chromium``); Playwright drives it
and never downloads a browser. Run with ``pytest -m browser``. The screenshot goes to
``tests/artifacts/graph.png`` (git-ignored).
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from graph.store import load_graph
from graph.visualise import render_html

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="needs Chromium at /usr/bin/chromium (apt-get install -y chromium)"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright Python package")

DATA = Path(__file__).parent / "data" / "vis_graph.ttl"
ARTIFACTS = Path(__file__).parent / "artifacts"
ENTITY_COUNT = """
PREFIX ng: <https://w3id.org/newsgraph/ontology#>
SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {
  VALUES ?c { ng:Person ng:State ng:Agency ng:Agreement } ?e a ?c }"""
DRAWN = "body[data-drawn='1']"  # set by the page on vis-network's first afterDrawing


@pytest.fixture(scope="module")
def graph():
    return load_graph(DATA)


@pytest.fixture(scope="module")
def page_path(graph, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "graph.html"
    render_html(graph, out)
    return out


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield b
        b.close()


class Watched:
    """A page with every request, failure, page error, console error and dialog recorded."""

    def __init__(self, browser, path: Path):
        self.page = browser.new_page(viewport={"width": 1280, "height": 800})
        self.url = path.resolve().as_uri()
        self.requests: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        self.console: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("requestfailed", lambda r: self.failed.append(f"{r.url} {r.failure}"))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.console.append(m.text) if m.type == "error" else None)
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog):
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def open(self) -> float:
        t0 = time.perf_counter()
        self.page.goto(self.url)
        self.page.wait_for_selector(DRAWN, state="attached", timeout=30_000)
        return time.perf_counter() - t0

    def node_screen_xy(self, node_id: int) -> tuple[float, float]:
        box = self.page.locator("#ng-network").bounding_box()
        p = self.page.evaluate(
            "id => window.ngNetwork.canvasToDOM(window.ngNetwork.getPositions([id])[id])", node_id)
        return box["x"] + p["x"], box["y"] + p["y"]

    def node_id(self, label: str) -> int:
        return self.page.evaluate(
            "label => window.ngNodes.get({filter: n => n.label === label})[0].id", label)

    def assert_clean(self):
        others = [u for u in self.requests if u != self.url and not u.startswith("data:")]
        assert others == [], f"requests left the page: {others}"
        assert self.failed == [], self.failed
        assert self.errors == [], self.errors
        assert self.console == [], self.console
        assert self.dialogs == [], f"a dialog fired: {self.dialogs}"


@pytest.fixture
def watched(browser, page_path):
    w = Watched(browser, page_path)
    yield w
    w.page.close()


def test_page_draws_offline(watched, graph):
    wall = watched.open()
    page = watched.page
    drawn = page.evaluate("window.ngFirstDrawMs")
    print(f"\nfirst draw: {wall * 1000:.0f} ms from navigation, {drawn:.0f} ms from page script")
    expected = int(next(iter(graph.query(ENTITY_COUNT)))[0])
    assert expected == 10
    assert page.evaluate("window.ngNetwork.body.data.nodes.length") == expected
    assert page.evaluate("window.ngNodes.length") == expected
    assert page.evaluate("Object.keys(window.ngNetwork.body.nodes).length") >= expected
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "graph.png"))
    assert (ARTIFACTS / "graph.png").stat().st_size > 10_000
    watched.assert_clean()
    assert watched.requests == [watched.url]


def test_xss_probe_executes_nothing(watched):
    watched.open()
    page = watched.page
    probe = watched.node_id("<img src=x onerror=alert(1)><script>alert(2)</script>")
    page.evaluate("window.ngNetwork.setOptions({physics: {enabled: false}})")
    x, y = watched.node_screen_xy(probe)
    page.mouse.move(x - 8, y - 8)
    page.mouse.move(x, y, steps=4)  # hover: vis-network tooltip
    page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)
    tip = page.inner_text("div.vis-tooltip")
    assert "<img src=x onerror=alert(1)><script>alert(2)</script>" in tip  # shown as text
    page.mouse.click(x, y)  # click: details panel
    details = page.inner_text("#ng-details")
    assert "<img src=x onerror=alert(1)>" in details and "<script>alert(3)</script>" in details
    # the edge to TASS carries the probe in its evidence sentence
    page.evaluate("window.ngNetwork.selectEdges(window.ngNetwork.getConnectedEdges(%d))" % probe)
    page.wait_for_timeout(300)
    injected = page.evaluate(
        "document.querySelectorAll('#ng-details img, #ng-details svg, #ng-details script,"
        " .vis-tooltip img, .vis-tooltip svg, .vis-tooltip script').length")
    assert injected == 0
    watched.assert_clean()


def search(page, text: str) -> str:
    """Type in the search box; wait until the page has searched for it; the count text."""
    page.fill("#ng-search", text)
    folded = text.strip().lower()
    page.wait_for_selector(f"#ng-search-count[data-query='{folded}']", state="attached",
                           timeout=5_000)
    return page.inner_text("#ng-search-count")


def test_search_box(watched):
    watched.open()
    page = watched.page
    assert search(page, "lavrov").startswith("1 match")
    assert page.evaluate("window.ngNetwork.getSelectedNodes()") == [watched.node_id("Sergueï Lavrov")]
    assert search(page, "serguei").startswith("1 match")  # accents ignored
    assert search(page, "MOSCOU").startswith("1 match")  # an alias of Russie
    assert page.evaluate("window.ngNetwork.getSelectedNodes()") == [watched.node_id("Russie")]
    assert search(page, "minist").startswith("2 matches")
    page.press("#ng-search", "Enter")
    assert "ministère" in page.inner_text("#ng-details")
    assert search(page, "") == ""
    assert page.evaluate("window.ngNetwork.getSelectedNodes()") == []
    watched.assert_clean()


def test_class_filter_and_legend(watched):
    watched.open()
    page = watched.page
    legend = page.inner_text("#ng-classes")
    assert all(name in legend for name in ("Person", "State", "Agency", "Agreement"))
    assert "affiliated with" in page.inner_text("#ng-relations")
    page.uncheck("input[data-class='Person']")
    assert page.evaluate("window.ngNetwork.body.data.nodes.length") == 7
    assert search(page, "lavrov").startswith("0 matches")  # hidden classes are not searched
    page.check("input[data-class='Person']")
    assert page.evaluate("window.ngNetwork.body.data.nodes.length") == 10
    watched.assert_clean()
