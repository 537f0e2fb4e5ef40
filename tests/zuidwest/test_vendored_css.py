"""The Utrecht component CSS is a subset of the package (static/vendor/utrecht-component-
library-css/BUILD.md): only the components the portal uses. This catches a class the templates,
scripts or Python code use whose component was left out of the subset (it would look unstyled)."""

import re
from pathlib import Path

from django.conf import settings

BASE = Path(settings.BASE_DIR)
SOURCES = [*(BASE / "templates").rglob("*.html"), *(BASE / "static/js").rglob("*.js"),
           *(path for app in ("alliances", "initiatives", "locations", "opendata", "zuidwest",
                              "following")
             for path in (BASE / app).rglob("*.py"))]
# A class written whole: "utrecht-button--primary-action", not a name built in a template
# ("utrecht-button--{{ variant }}") is not checked, nor a file name ("utrecht-components.css").
USED_CLASS = re.compile(r"(?<![\w-])utrecht-[a-z0-9]+(?:[-_][a-z0-9]+)*(?![\w{./-])")


def test_every_utrecht_class_the_portal_uses_is_in_the_vendored_subset():
    css = (BASE / "static/vendor/utrecht-component-library-css/utrecht-components.css").read_text()
    defined = set(re.findall(r"\.(utrecht-[\w-]+)", css))
    used = {name for path in SOURCES for name in USED_CLASS.findall(path.read_text())}
    assert used, "no Utrecht class found: the pattern is wrong"
    # Block classes without rules of their own (the rules style only their elements).
    missing = {name for name in used - defined
               if not any(other.startswith(name + "__") for other in defined)}
    assert not missing, sorted(missing)
