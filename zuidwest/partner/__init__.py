"""The partner area (/partner/): partners keep their organisations' pages current.

- kinds: the registry of page kinds the domain apps contribute (routes, dashboard, forms)
- accounts: the organisation directory (who belongs to which organisation), registered by the
  app that keeps accounts
- forms, views, dashboard, urls: the generic editing of any registered kind, through the
  review engine (zuidwest.review)
"""
