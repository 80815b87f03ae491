"""The notifications pages."""
