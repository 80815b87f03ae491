"""Pages of the written agreement, the return plan and the support plan, one module per part of the
practice. Thin: access by decorator (`common.reunification`: the reunification section, which partner
agencies are not shown), every rule in services."""
