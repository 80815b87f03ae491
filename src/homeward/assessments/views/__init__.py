"""Pages of the reunification assessment and evidence of change, one module per part of the practice.
Thin: access by decorator (`common.reunification`), logic in services and selectors. Every page belongs to
the reunification section, which partner agencies are not shown."""
