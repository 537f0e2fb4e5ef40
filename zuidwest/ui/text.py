"""Text as the site stores and compares it."""

import re

_LINE_END = re.compile(r"\r\n?")


def plain_text(value):
    """`value` with its line endings as "\\n" and no spaces at the end of a line: browsers send
    a text area's lines with "\\r\\n", a stored page has "\\n", and an unchanged text must not
    look changed in review."""
    return "\n".join(line.rstrip() for line in _LINE_END.sub("\n", value).split("\n"))
