#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| pyrdicom::fuzzing::decode_jpeg(data));
