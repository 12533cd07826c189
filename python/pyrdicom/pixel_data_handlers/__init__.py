"""pydicom's deprecated pixel data handler package: only the availability checks that
pydicom's own tests import. Pixel data is decoded by `pyrdicom.pixels`."""
