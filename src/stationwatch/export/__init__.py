"""The one way out: what a record may hold (schema), how it is written (formats), and the
release folder it is published in (release)."""
