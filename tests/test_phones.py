"""Every page type on a phone (375 px) and a laptop (1366 px) in a real Chromium: the page never
scrolls sideways except inside a labelled scrolling region, no text in a table or chart overlaps
other text or spills out of its cell, chart text is at least 12 px, and axe finds no violation.
A screenshot of each page at each width is saved under test-results/screenshots/.
"""

import pytest
from django.conf import settings

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREENSHOTS = settings.BASE_DIR / "test-results" / "screenshots"
WIDTHS = {"375px": {"width": 375, "height": 812}, "1366px": {"width": 1366, "height": 900}}
PAGES = {
    "country-khm": "/countries/khm/",
    "country-mmr": "/countries/mmr/",
    "treaty": "/treaties/rome_statute_1998/",
    "changes": "/changes/",
    "data": "/data/",
    "methodology": "/methodology/",
    "countries": "/countries/",
    "treaties": "/treaties/",
    "embed": "/countries/mmr/embed/",
}

# What scrolls sideways: the page itself, and any element whose content is wider than its box
# and that scrolls, with what names it as a region.
SCROLLERS = """() => {
  const root = document.documentElement;
  const found = [];
  for (const element of document.querySelectorAll('body *')) {
    const style = getComputedStyle(element);
    if (!['auto', 'scroll'].includes(style.overflowX)) continue;
    if (element.scrollWidth <= element.clientWidth + 1) continue;
    found.push({
      tag: element.tagName, cls: element.className,
      role: element.getAttribute('role'), tabindex: element.getAttribute('tabindex'),
      named: Boolean(element.getAttribute('aria-label') || element.getAttribute('aria-labelledby')),
    });
  }
  return {page: root.scrollWidth - root.clientWidth, scrollers: found};
}"""

# Every piece of text in the tables and charts, as the boxes it is drawn in: HTML text by the
# lines of each text node (with the cell it belongs to), SVG text by element, with its drawn size.
TEXT_BOXES = """() => {
  const boxes = [];
  // Text clipped away for screen readers only (visually hidden captions and card headers).
  const visible = node => {
    if (node.parentElement.closest('[hidden], title, desc')) return false;
    for (let e = node.parentElement; e; e = e.parentElement) {
      if (getComputedStyle(e).clipPath !== 'none') return false;
    }
    return true;
  };
  for (const table of document.querySelectorAll('main table')) {
    const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
    let node, index = 0;
    while ((node = walker.nextNode())) {
      index += 1;
      if (!node.textContent.trim() || !visible(node)) continue;
      const cell = node.parentElement.closest('td, th, caption');
      const range = document.createRange();
      range.selectNodeContents(node);
      const cellBox = cell.getBoundingClientRect();
      for (const r of range.getClientRects()) {
        if (r.width < 1 || r.height < 1) continue;
        boxes.push({
          id: `t${boxes.length}-${index}`, node: `${table.className}#${index}`,
          text: node.textContent.trim().slice(0, 40),
          box: [r.left, r.top, r.right, r.bottom],
          cell: [cellBox.left, cellBox.top, cellBox.right, cellBox.bottom],
        });
      }
    }
  }
  document.querySelectorAll('main svg.chart').forEach((svg, chart) => {
    const scale = svg.getScreenCTM().a;
    svg.querySelectorAll('text').forEach((text, index) => {
      const r = text.getBoundingClientRect();
      if (r.width < 1) return;
      boxes.push({
        id: `s${chart}-${index}`, node: `svg${chart}#${index}`, text: text.textContent.trim(),
        box: [r.left, r.top, r.right, r.bottom], cell: null,
        size: parseFloat(getComputedStyle(text).fontSize) * scale,
        svg: [svg.getBoundingClientRect().left, svg.getBoundingClientRect().right],
      });
    });
  });
  return boxes;
}"""

# Lines of text may touch; only a real overlap (more than this, both ways) hides a letter.
TOLERANCE = 2


def overlap(a: list[float], b: list[float]) -> bool:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width > TOLERANCE and height > TOLERANCE


def outside(box: list[float], cell: list[float]) -> bool:
    return (
        box[0] < cell[0] - 1 or box[2] > cell[2] + 1 or box[1] < cell[1] - 1 or box[3] > cell[3] + 1
    )


def problems(page) -> list[str]:
    found = []
    shape = page.evaluate(SCROLLERS)
    if shape["page"] > 0:
        found.append(f"the page scrolls sideways by {shape['page']}px")
    for scroller in shape["scrollers"]:
        if scroller["role"] != "region" or scroller["tabindex"] != "0" or not scroller["named"]:
            found.append(f"an unlabelled scrolling element: {scroller}")
    boxes = page.evaluate(TEXT_BOXES)
    for box in boxes:
        if box["cell"] and outside(box["box"], box["cell"]):
            found.append(f"{box['text']!r} spills out of its cell")
        if box.get("size") is not None:
            if box["size"] < 12:
                found.append(f"chart text {box['text']!r} is {box['size']:.1f}px")
            if box["box"][0] < box["svg"][0] - 1 or box["box"][2] > box["svg"][1] + 1:
                found.append(f"chart text {box['text']!r} is cut off by its chart")
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if a["node"] != b["node"] and overlap(a["box"], b["box"]):
                found.append(f"{a['text']!r} overlaps {b['text']!r}")
    return found


@pytest.mark.parametrize("name", PAGES)
def test_no_page_scrolls_sideways_or_overlaps_text_on_a_phone_or_a_laptop(site, page, name):
    from axe_playwright_python.sync_playwright import Axe

    for width, viewport in WIDTHS.items():
        page.set_viewport_size(viewport)
        page.goto(f"{site}{PAGES[name]}")
        page.wait_for_load_state("load")

        found = problems(page)
        assert not found, f"{name} at {width}:\n" + "\n".join(found)
        page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
        results = Axe().run(page)
        assert results.violations_count == 0, results.generate_report()
    assert page.csp_errors == []
