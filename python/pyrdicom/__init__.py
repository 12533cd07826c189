"""pyrdicom: DICOM for Python with a Rust core and pydicom's API."""
