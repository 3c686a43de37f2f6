"""Output: an executed notebook exported as HTML, PDF and Word."""
