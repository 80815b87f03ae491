// Tell GOV.UK Frontend's styles that JavaScript runs (and whether the browser supports its modules).
// A file, not an inline script: the Content-Security-Policy allows scripts only from Homeward's own files.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
