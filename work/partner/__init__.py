"""The opportunity as a partner page (zuidwest.partner): its form and page kind."""
