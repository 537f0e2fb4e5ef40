"""The initiative as a partner page (zuidwest.partner): its form, child rows and page kind."""
