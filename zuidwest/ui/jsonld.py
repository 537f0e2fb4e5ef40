"""JSON-LD (schema.org) text for a <script type="application/ld+json"> element.

Render it with ``{% json_ld data %}`` from ``{% load portal %}``, which writes the element.
"""

import json

# Characters that could end the <script> element or start HTML inside it, as JSON escapes
# (the same set as django.utils.html.json_script).
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_text(data):
    """`data` (a dict) as compact JSON in which '<', '>' and '&' are JSON unicode escapes, so a
    value containing "</script>" cannot end the element it is written in."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)
