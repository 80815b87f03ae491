"""Written agreements, staged return plans, support after return and contingency plans."""
