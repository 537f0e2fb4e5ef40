"""Tables that read as labelled blocks on a phone and stay tables everywhere else.

components/table.html renders a table's header and body cells from the caller's partials;
`labelled_table_sections` gives every body cell the name of its column (data-label, shown
before the cell's value by portal.css below 40em) and every part its table role. The roles
are what keeps the table a table for screen readers once CSS shows its rows as blocks
(some browsers drop the table semantics of an element whose display is changed).

The markup is our own templates' output, so simple patterns suffice; a cell's column counts
the colspans before it.
"""

import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

HEADER_CELL = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
HIDDEN_TEXT = re.compile(r'<span class="portal-visually-hidden">.*?</span>', re.S)
ROW_START = re.compile(r"<tr\b")
CELL_START = re.compile(r"<(td|th)\b([^>]*)>")
COLSPAN = re.compile(r'\bcolspan="(\d+)"')
ROW_HEADER = re.compile(r'\bscope="row"')


def column_labels(head_html):
    """The visible text of each header cell, in order."""
    return [" ".join(strip_tags(HIDDEN_TEXT.sub("", cell)).split())
            for cell in HEADER_CELL.findall(head_html)]


def label_rows(body_html, labels):
    """The body rows with a role on every row and cell and data-label on every cell."""
    rows = ROW_START.split(body_html)
    out = [rows[0]]
    for row in rows[1:]:
        column = 0

        def cell(match):
            nonlocal column
            tag, attributes = match.group(1), match.group(2)
            span = COLSPAN.search(attributes)
            label = labels[column] if column < len(labels) else ""
            column += int(span.group(1)) if span else 1
            role = "rowheader" if tag == "th" and ROW_HEADER.search(attributes) else (
                "columnheader" if tag == "th" else "cell")
            extra = f' role="{role}"'
            if label and tag == "td":
                extra += f' data-label="{escape(label)}"'
            return f"<{tag}{attributes}{extra}>"

        out.append('<tr role="row"' + CELL_START.sub(cell, row))
    return "".join(out)


def labelled_table_sections(head_html, body_html):
    """<thead> and <tbody> of components/table.html, with roles and column labels."""
    head = CELL_START.sub(lambda m: f'<{m.group(1)}{m.group(2)} role="columnheader">', head_html)
    body = label_rows(body_html, column_labels(head_html))
    return mark_safe(
        '<thead class="utrecht-table__header" role="rowgroup"><tr class="utrecht-table__row"'
        f' role="row">{head}</tr></thead>'
        f'<tbody class="utrecht-table__body" role="rowgroup">{body}</tbody>'
    )
