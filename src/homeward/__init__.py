"""Homeward."""
