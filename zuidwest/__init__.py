"""The project package: configuration (settings, urls, wsgi) and the shared core, one package
per concern: review, partner, images, search, admin_site, ui, and pages (the site's own pages).
The core never imports the domain apps (alliances, initiatives, locations); they register what
they contribute in their AppConfig.ready(). See docs/architecture/layout.md."""
