"""Checks shared by the browser tests. Playwright and axe are imported only when used, so this
module loads (and the tests skip cleanly) where they are missing."""

import gzip

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# A focus indicator: an outline or a box-shadow on the element, or, for the link that covers a
# whole card, on the card around it (.card:focus-within).
FOCUS_INDICATOR_JS = """
() => {
  const visible = (element) => {
    if (!element) return false;
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow && style.boxShadow !== "none";
    return outline || shadow;
  };
  const element = document.activeElement;
  if (!element || element === document.body) return {tag: null, visible: false};
  const card = element.closest(".card");
  return {
    tag: element.tagName.toLowerCase(),
    text: (element.textContent || element.getAttribute("alt") || "").trim().slice(0, 60),
    visible: visible(element) || (card !== null && card.matches(":focus-within") && visible(card)),
  };
}
"""


def assert_no_axe_violations(page):
    """Run axe's WCAG 2.0/2.1 A and AA rules on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    violations = results.response["violations"]
    report = []
    for violation in violations:
        report.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            report.append(f"    at {', '.join(map(str, node['target']))}: {node['html'][:160]}")
            for check in node.get("any", []) + node.get("all", []) + node.get("none", []):
                report.append(f"      {check['message']}")
    assert not violations, (
        f"{len(violations)} WCAG 2.1 AA violation(s) on {page.url}:\n" + "\n".join(report)
    )


def focused(page):
    return page.evaluate(FOCUS_INDICATOR_JS)


def assert_focus_visible(page):
    state = focused(page)
    assert state["tag"], f"nothing has focus on {page.url}"
    assert state["visible"], (
        f"the focused <{state['tag']}> '{state['text']}' on {page.url} shows no outline or "
        "box-shadow"
    )


def tab_to(page, matches_js, limit=80, key="Tab"):
    """Press Tab until the focused element satisfies matches_js (a function of the element).
    Checks the focus ring of every stop on the way. Returns the number of Tab presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press(key)
        assert_focus_visible(page)
        if page.evaluate(f"({matches_js})(document.activeElement)"):
            return presses
    raise AssertionError(f"{limit} presses of {key} on {page.url} never reached {matches_js}")


def transfer_sizes(responses):
    """(raw bytes, gzip bytes) per URL: the live server does not compress, production
    (WhiteNoise for static files, the proxy for HTML) sends text gzip- or brotli-compressed, so
    the gzip figure is what a phone on a small data bundle pays."""
    sizes = {}
    for response in responses:
        try:
            body = response.body()
        except Exception:  # an aborted or redirected request has no body
            continue
        content_type = response.headers.get("content-type", "")
        compressible = any(
            kind in content_type for kind in ("text/", "javascript", "json", "svg", "xml")
        )
        gzipped = len(gzip.compress(body, 6)) if compressible else len(body)
        sizes[response.url] = (len(body), gzipped)
    return sizes


def document_widths(page):
    """{scroll, client} of the page's root, measured once the page's style sheets have loaded: a
    click that navigates returns before then, and an unstyled page is wider than any phone."""
    page.wait_for_load_state("load")
    return page.evaluate("({scroll: document.documentElement.scrollWidth,"
                         " client: document.documentElement.clientWidth})")
