### The JSON API's human text (problem titles and details, explanations, reasons).
