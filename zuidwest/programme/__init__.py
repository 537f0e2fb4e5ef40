"""The programme's own facts (Programme, ProgrammeOffice): its contact details on every page
(context_processors) and in the admin. The site's pages themselves are the app site_pages."""
