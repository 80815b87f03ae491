"""The moves pages."""
