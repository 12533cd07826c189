use super::*;

fn enc(vr: Vr, v: Primitive) -> Result<Vec<u8>> {
    encode_value(vr, &v, &CharacterSet::default(), true)
}

fn strs(v: &[&str]) -> Primitive {
    Primitive::Strs(v.iter().map(|s| s.to_string()).collect())
}

#[test]
fn numbers_in_both_byte_orders() {
    let cs = CharacterSet::default();
    let v = Primitive::Ints(vec![1, 0x1234]);
    assert_eq!(
        encode_value(Vr::US, &v, &cs, true).unwrap(),
        [1, 0, 0x34, 0x12]
    );
    assert_eq!(
        encode_value(Vr::US, &v, &cs, false).unwrap(),
        [0, 1, 0x12, 0x34]
    );
    let v = Primitive::Ints(vec![-2]);
    assert_eq!(
        encode_value(Vr::SL, &v, &cs, true).unwrap(),
        [0xFE, 0xFF, 0xFF, 0xFF]
    );
    let v = Primitive::Ints(vec![0x0010_0020]);
    assert_eq!(
        encode_value(Vr::AT, &v, &cs, true).unwrap(),
        [0x10, 0, 0x20, 0]
    );
    assert_eq!(
        encode_value(Vr::AT, &v, &cs, false).unwrap(),
        [0, 0x10, 0, 0x20]
    );
    let v = Primitive::Floats(vec![1.5]);
    assert_eq!(
        encode_value(Vr::FL, &v, &cs, true).unwrap(),
        1.5f32.to_le_bytes()
    );
    assert_eq!(
        encode_value(Vr::FD, &v, &cs, false).unwrap(),
        1.5f64.to_be_bytes()
    );
    let v = Primitive::Ints(vec![u64::MAX as i128]);
    assert_eq!(encode_value(Vr::UV, &v, &cs, true).unwrap(), [0xFF; 8]);
}

#[test]
fn numbers_out_of_range() {
    assert!(enc(Vr::US, Primitive::Ints(vec![70000])).is_err());
    assert!(enc(Vr::US, Primitive::Ints(vec![-1])).is_err());
    assert!(enc(Vr::SS, Primitive::Ints(vec![32768])).is_err());
    assert!(enc(Vr::UL, Primitive::Ints(vec![1 << 32])).is_err());
    assert!(enc(Vr::US, Primitive::Floats(vec![1.0])).is_err());
    assert!(enc(Vr::FL, Primitive::Floats(vec![1e300])).is_err());
    assert!(enc(Vr::US, strs(&["1"])).is_err());
}

#[test]
fn strings_padded_and_joined() {
    assert_eq!(enc(Vr::CS, strs(&["A", "B"])).unwrap(), b"A\\B ");
    assert_eq!(enc(Vr::UI, strs(&["1.2.3"])).unwrap(), b"1.2.3\0");
    assert_eq!(
        enc(Vr::DS, strs(&["1.5", "-2e33"])).unwrap(),
        b"1.5\\-2e33 "
    );
    assert_eq!(enc(Vr::PN, strs(&["Doe^John"])).unwrap(), b"Doe^John");
    assert_eq!(enc(Vr::LT, strs(&["a\\b"])).unwrap(), b"a\\b ");
    assert_eq!(enc(Vr::LO, Primitive::Empty).unwrap(), b"");
}

#[test]
fn strings_in_the_character_set() {
    let cs = CharacterSet::from_terms(&["ISO_IR 192"]);
    let v = strs(&["Wang^XiaoDong=王^小东"]);
    assert_eq!(
        encode_value(Vr::PN, &v, &cs, true).unwrap(),
        "Wang^XiaoDong=王^小东".as_bytes()
    );
    // Latin-1 cannot hold it
    assert!(enc(Vr::LO, strs(&["王"])).is_err());
    assert!(enc(Vr::CS, strs(&["é"])).is_err());
}

#[test]
fn validators_as_pydicom() {
    let ok = |vr, s: &str| validate_string(vr, s).is_ok();
    assert!(ok(Vr::DA, "20240131"));
    assert!(ok(Vr::DA, "20240101-20240131"));
    assert!(ok(Vr::DA, "-20240131 "));
    assert!(!ok(Vr::DA, "yesterday"));
    assert!(!ok(Vr::DA, "20241301"));
    assert!(!ok(Vr::DA, "2024011"));
    assert!(ok(Vr::TM, "1230"));
    assert!(ok(Vr::TM, "123059.123456"));
    assert!(ok(Vr::TM, "235960"));
    assert!(!ok(Vr::TM, "2400"));
    assert!(!ok(Vr::TM, "123059.1234567"));
    assert!(ok(Vr::DT, "2024"));
    assert!(ok(Vr::DT, "20240131123059.5+0100"));
    assert!(ok(Vr::DT, "2024-2025"));
    assert!(!ok(Vr::DT, "20240131+2500"));
    assert!(ok(Vr::UI, "1.2.840.10008.1.2"));
    assert!(!ok(Vr::UI, "1.2.abc"));
    assert!(!ok(Vr::UI, "1.02"));
    assert!(!ok(Vr::UI, &"1.".repeat(40)));
    assert!(ok(Vr::DS, " +1.5e-3 "));
    assert!(ok(Vr::DS, ".5"));
    assert!(ok(Vr::DS, "5."));
    assert!(!ok(Vr::DS, "1.2.3"));
    assert!(!ok(Vr::DS, "0.33333333333333331"));
    assert!(ok(Vr::IS, "-12"));
    assert!(!ok(Vr::IS, "1.5"));
    assert!(!ok(Vr::IS, "3000000000"));
    assert!(ok(Vr::CS, "ORIGINAL_1 X"));
    assert!(!ok(Vr::CS, "lower"));
    assert!(!ok(Vr::CS, "A\\B"));
    assert!(ok(Vr::AS, "042Y"));
    assert!(!ok(Vr::AS, "42Y"));
    assert!(!ok(Vr::AE, "TAB\tHERE"));
    assert!(!ok(Vr::SH, "seventeen chars!!"));
    assert!(ok(Vr::PN, "A^B=C^D=E^F"));
    assert!(!ok(Vr::PN, "A=B=C=D"));
    assert!(ok(Vr::UR, "http://x.org/a?b=c "));
    assert!(!ok(Vr::UR, "http://x.org/a b"));
}
