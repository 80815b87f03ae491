"""What every app stands on: GOV.UK forms and the one form-page pattern (`forms`, `pages`), edits that
lose nothing (`concurrency`), signed versions that never change (`versioning`, `documents`).

It imports no other Homeward app, so any app may use it."""
