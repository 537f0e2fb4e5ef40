"""Safe photo uploads: processing (checks by content, limits, re-encoding without metadata,
WebP renditions), the form field, and the signals that make renditions for every model with
an image field."""
