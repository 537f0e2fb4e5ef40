"""What other apps use of alliances beyond its models: an organisation in schema.org terms."""

from .jsonld import organisation_reference

__all__ = ["organisation_reference"]
