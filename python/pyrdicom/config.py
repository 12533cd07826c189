"""Settings that change how pyrdicom interprets data (module attributes, as pydicom.config)."""

# Native unsigned pixel data with Bits Stored < Bits Allocated: pydicom 3 masks the bits above
# Bits Stored (PS3.5 8.1.1 says they are not part of the value), which costs a pass over the
# data (and a copy if any are set). pyrdicom's default keeps the array a zero-copy view of the
# stored values, as dicomsdl and GDCM do; set True for pydicom's exact results on files whose
# unused bits hold other data (old overlays). Signed data is always sign-extended, as pydicom.
correct_unused_bits = False
