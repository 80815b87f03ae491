"""See the app's models and services."""
