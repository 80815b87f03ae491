// Start GOV.UK Frontend's components (header menu, error summary, details, ...) on every page.
import { initAll } from "../govuk/govuk-frontend.min.js";

initAll();
