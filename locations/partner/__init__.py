"""Places and activities as partner pages (zuidwest.partner): their forms and page kinds."""
