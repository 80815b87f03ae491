"""The monitoring pages."""
