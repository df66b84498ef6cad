"""Shared steps for browser tests."""

from collections.abc import Callable
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SERIOUS = {"serious", "critical"}


def login(page: Page, base_url: str, username: str, password: str = "secret-pass-123") -> None:
    page.goto(f"{base_url}/konto/login/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state("networkidle")


def login_as(page: Page, base_url: str, role: Callable, username: str) -> None:
    """Makes `username` a user of `role` (tests.factories' planner, manager or analyst)
    and logs in as them."""
    role(username=username)
    login(page, base_url, username)


def serious_violations(page: Page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes'][:3]]}"
        for v in results.response["violations"]
        if v["impact"] in SERIOUS
    ]


def screenshot(page: Page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# The path's two ends and the two cards' boxes, in page coordinates, read in one go.
GEOMETRY = """([from, to]) => {
  const path = document.querySelector(`path.connector[data-from="${from}"][data-to="${to}"]`);
  if (!path) return null;
  const svg = path.ownerSVGElement.getBoundingClientRect();
  const a = path.getPointAtLength(0), b = path.getPointAtLength(path.getTotalLength());
  const box = (id) => {
    const r = document.getElementById("activity-" + id).getBoundingClientRect();
    return {x: r.left, y: r.top, width: r.width, height: r.height};
  };
  return {ends: [svg.left + a.x, svg.top + a.y, svg.left + b.x, svg.top + b.y],
          a: box(from), b: box(to)};
}"""


def at_the_cards(geometry) -> bool:
    """The line leaves the predecessor at the height of its middle, within its
    width, and ends at the successor's left edge, at its middle."""
    if geometry is None:
        return False
    x1, y1, x2, y2 = geometry["ends"]
    a, b = geometry["a"], geometry["b"]
    return (
        a["x"] < x1 <= a["x"] + a["width"] + 1
        and abs(y1 - (a["y"] + a["height"] / 2)) < 1.5
        and abs(x2 - b["x"]) < 1.5
        and abs(y2 - (b["y"] + b["height"] / 2)) < 1.5
    )


def ends_at_the_cards(page: Page, first, then) -> list[float]:
    """Waits (a redraw comes on the next frame after a swap or a resize) until the
    line's ends sit at the two cards; fails with the last geometry read."""
    geometry = None
    for _attempt in range(20):
        geometry = page.evaluate(GEOMETRY, [first.pk, then.pk])
        if at_the_cards(geometry):
            return geometry["ends"]
        page.wait_for_timeout(100)
    raise AssertionError(f"the connector's ends are not at the cards: {geometry}")
