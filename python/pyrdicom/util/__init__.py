"""pydicom's `util` helpers."""
