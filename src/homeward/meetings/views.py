"""The meetings pages."""
