"""`python -m homeward` — the one command-line entry point."""

from homeward.cli import main

if __name__ == "__main__":
    main()
