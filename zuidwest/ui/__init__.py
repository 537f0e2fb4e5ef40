"""Small helpers shared by every page: money, pagination, JSON-LD, filter forms."""
