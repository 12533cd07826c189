#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| pyrdicom::fuzzing::write_roundtrip(data));
