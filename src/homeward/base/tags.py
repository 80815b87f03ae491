"""GOV.UK tag colours by what a tag means, so one meaning always looks the same and two meanings never
look alike. GOV.UK Frontend 5's orange tag is close to its red (both pink on a pale ground), so amber,
a gap or anything "not yet" is yellow, kept well apart from the red of a caution or an alert."""

from __future__ import annotations

CAUTION = "red"  # a research-based caution, an alert, a return that broke down, something overdue
ALERT = "red"
GAP = "yellow"  # something missing that the worker can fill: a gap, amber, not yet evidenced
AMBER = "yellow"
DONE = "green"
INFO = "blue"
NEUTRAL = "grey"
# The four risk classifications: low, medium, high, very high (very high is not a brighter red).
RISK_LEVELS = {"low": "green", "medium": "yellow", "high": "red", "very_high": "purple"}

# The colours a page may give a tag (GOV.UK Frontend's modifiers, orange left out: see above).
ALLOWED = frozenset({"red", "yellow", "green", "blue", "light-blue", "turquoise", "purple", "pink", "grey"})
