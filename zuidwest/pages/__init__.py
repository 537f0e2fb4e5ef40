"""The site's own pages: home, about, accessibility, privacy, search, and the error pages.
With zuidwest/urls.py the only part of the core that imports the domain apps."""
