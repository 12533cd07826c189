//! Expected values come from pydicom 3.0.2 (its charset test files and
//! tests/test_charset.py) and CPython 3.11's codecs.

use super::*;

fn cs(terms: &[&str]) -> CharacterSet {
    CharacterSet::from_terms(terms)
}

/// Decodes in WARN mode, returning the text and pydicom's warnings.
fn decode(terms: &[&str], bytes: &[u8], delimiters: Delimiters) -> (String, Vec<String>) {
    let mut warnings = Vec::new();
    let text = cs(terms)
        .decode_with(bytes, delimiters, Mode::Warn, &mut warnings)
        .unwrap();
    (text, warnings)
}

/// The string pydicom's reader gives for a raw PN value: trailing padding stripped from
/// the bytes, decoded with the text delimiters, trailing empty groups dropped.
fn read_pn(terms: &[&str], raw: &[u8]) -> String {
    let end = raw
        .iter()
        .rposition(|b| !b" \0".contains(b))
        .map_or(0, |i| i + 1);
    let text = cs(terms).decode(&raw[..end], Delimiters::Text);
    let values: Vec<String> = text
        .split('\\')
        .map(|v| v.trim_end_matches('=').to_owned())
        .collect();
    values.join("\\")
}

#[test]
fn charset_file_patient_names() {
    let cases: &[(&[&str], &[u8], &str)] = &[
        (&["ISO_IR 127"], b"\xe2\xc8\xc7\xe6\xea^\xe4\xe6\xd2\xc7\xd1 ", "قباني^لنزار"),
        (&["ISO_IR 100"], b"Buc^J\xe9r\xf4me", "Buc^Jérôme"),
        (&["ISO_IR 100"], b"\xc4neas^R\xfcdiger ", "Äneas^Rüdiger"),
        (&["ISO_IR 126"], b"\xc4\xe9\xef\xed\xf5\xf3\xe9\xef\xf2 ", "Διονυσιος"),
        (&["ISO_IR 138"], b"\xf9\xf8\xe5\xef^\xe3\xe1\xe5\xf8\xe4", "שרון^דבורה"),
        (&["ISO_IR 144"], b"\xbb\xee\xdace\xdc\xd1yp\xd3", "Люкceмбypг"),
        (
            &["", "ISO 2022 IR 87"],
            b"Yamada^Tarou=\x1b$B;3ED\x1b(B^\x1b$BB@O:\x1b(B=\x1b$B$d$^$@\x1b(B^\x1b$B$?$m$&\x1b(B",
            "Yamada^Tarou=山田^太郎=やまだ^たろう",
        ),
        (
            &["ISO 2022 IR 13", "ISO 2022 IR 87"],
            b"\xd4\xcf\xc0\xde^\xc0\xdb\xb3=\x1b$B;3ED\x1b(J^\x1b$BB@O:\x1b(J=\x1b$B$d$^$@\x1b(J^\x1b$B$?$m$&\x1b(J",
            "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう",
        ),
        (
            &["", "ISO 2022 IR 149"],
            b"Hong^Gildong=\x1b$)C\xfb\xf3^\x1b$)C\xd1\xce\xd4\xd7=\x1b$)C\xc8\xab^\x1b$)C\xb1\xe6\xb5\xbf",
            "Hong^Gildong=洪^吉洞=홍^길동",
        ),
        (
            &["ISO 2022 IR 6", "ISO 2022 IR 87"],
            b"\x1b$B$d$^$@\x1b(B^\x1b$B$?$m$&\x1b(B ",
            "やまだ^たろう",
        ),
        (&["", "ISO 2022 IR 149"], b"\x1b$)C\xb1\xe8\xc8\xf1\xc1\xdf\x1b(B ", "김희중"),
        (
            &["ISO_IR 192"],
            b"Wang^XiaoDong=\xe7\x8e\x8b^\xe5\xb0\x8f\xe6\x9d\xb1= ",
            "Wang^XiaoDong=王^小東",
        ),
        (&["GB18030"], b"Wang^XiaoDong=\xcd\xf5^\xd0\xa1\xb6\xab=", "Wang^XiaoDong=王^小东"),
        (
            &["", "ISO 2022 IR 87"],
            b"\x1b$B$d$^$@\x1b(B^\x1b$B$?$m$&\x1b(B\\\x1b$B$d$^$@\x1b(B^\x1b$B$?$m$&\x1b(B ",
            "やまだ^たろう\\やまだ^たろう",
        ),
    ];
    for (terms, raw, expected) in cases {
        assert_eq!(read_pn(terms, raw), *expected, "{terms:?}");
    }
}

#[test]
fn charset_file_text_values() {
    let lt = cs(&["", "ISO 2022 IR 149"])
        .decode(b"\x1b$)C\xb1\xe8\xc8\xf1\xc1\xdf\x1b(B ", Delimiters::Text);
    assert_eq!(lt.trim_end_matches([' ', '\0']), "김희중");
    let lt = cs(&["", "ISO 2022 IR 87"]).decode(b"\x1b$B$?$m$&\x1b(B", Delimiters::Text);
    assert_eq!(lt, "たろう");
}

#[test]
fn raw_specific_character_set_values() {
    // chrSQEncoding.dcm's sequence item, and a leading empty value
    let item = CharacterSet::from_value(b"ISO 2022 IR 13\\ISO 2022 IR 87 ");
    assert_eq!(item.python_encodings(), ["shift_jis", "iso2022_jp"]);
    let multi = CharacterSet::from_value(b"\\ISO 2022 IR 149");
    assert_eq!(multi.python_encodings(), ["iso8859", "euc_kr"]);
    assert_eq!(
        CharacterSet::from_value(b"").python_encodings(),
        ["iso8859"]
    );
    assert_eq!(CharacterSet::default().python_encodings(), ["iso8859"]);
    assert!(multi.warnings().is_empty());
}

/// test_charset.py ENCODED_NAMES: every single-byte code extension after ASCII.
#[test]
fn single_byte_code_extensions() {
    let cases: &[(&str, &str, &[u8])] = &[
        (
            "ISO 2022 IR 13",
            "ﾔﾏﾀﾞ^ﾀﾛｳ",
            b"\x1b\x29\x49\xd4\xcf\xc0\xde\x5e\x1b\x29\x49\xc0\xdb\xb3",
        ),
        (
            "ISO 2022 IR 100",
            "Buc^Jérôme",
            b"\x1b\x2d\x41\x42\x75\x63\x5e\x1b\x2d\x41\x4a\xe9\x72\xf4\x6d\x65",
        ),
        (
            "ISO 2022 IR 101",
            "Wałęsa",
            b"\x1b\x2d\x42\x57\x61\xb3\xea\x73\x61",
        ),
        (
            "ISO 2022 IR 109",
            "antaŭnomo",
            b"\x1b\x2d\x43\x61\x6e\x74\x61\xfd\x6e\x6f\x6d\x6f",
        ),
        (
            "ISO 2022 IR 110",
            "vārds",
            b"\x1b\x2d\x44\x76\xe0\x72\x64\x73",
        ),
        (
            "ISO 2022 IR 127",
            "قباني^لنزار",
            b"\x1b\x2d\x47\xe2\xc8\xc7\xe6\xea\x5e\x1b\x2d\x47\xe4\xe6\xd2\xc7\xd1",
        ),
        (
            "ISO 2022 IR 126",
            "Διονυσιος",
            b"\x1b\x2d\x46\xc4\xe9\xef\xed\xf5\xf3\xe9\xef\xf2",
        ),
        (
            "ISO 2022 IR 138",
            "שרון^דבורה",
            b"\x1b\x2d\x48\xf9\xf8\xe5\xef\x5e\x1b\x2d\x48\xe3\xe1\xe5\xf8\xe4",
        ),
        (
            "ISO 2022 IR 144",
            "Люкceмбypг",
            b"\x1b\x2d\x4c\xbb\xee\xda\x63\x65\xdc\xd1\x79\x70\xd3",
        ),
        (
            "ISO 2022 IR 148",
            "Çavuşoğlu",
            b"\x1b\x2d\x4d\xc7\x61\x76\x75\xfe\x6f\xf0\x6c\x75",
        ),
        (
            "ISO 2022 IR 166",
            "นามสกุล",
            b"\x1b\x2d\x54\xb9\xd2\xc1\xca\xa1\xd8\xc5",
        ),
    ];
    for (term, expected, raw) in cases {
        let bytes = [b"ASCII+".as_slice(), raw].concat();
        for delimiters in [Delimiters::PersonName, Delimiters::Text] {
            let (text, warnings) = decode(&["", term], &bytes, delimiters);
            assert_eq!(text, format!("ASCII+{expected}"), "{term}");
            assert!(warnings.is_empty());
        }
    }
}

#[test]
fn delimiter_resets_to_first_encoding() {
    // no escape after '^': pydicom's PersonName decodes the rest as the first encoding,
    // its reader (text delimiters, no '^') keeps ISO IR 13
    let raw = b"ASCII+\x1b\x29\x49\xd4\xcf\xc0\xde\x5e\xc0\xdb\xb3";
    let terms = ["", "ISO 2022 IR 13"];
    assert_eq!(
        decode(&terms, raw, Delimiters::PersonName).0,
        "ASCII+ﾔﾏﾀﾞ^ÀÛ³"
    );
    assert_eq!(decode(&terms, raw, Delimiters::Text).0, "ASCII+ﾔﾏﾀﾞ^ﾀﾛｳ");
    let text = b"\x1b-F\xc4\xe9\r\n\xc4\xe9";
    let greek = ["ISO 2022 IR 100", "ISO 2022 IR 126"];
    assert_eq!(decode(&greek, text, Delimiters::Text).0, "Δι\r\nÄé");
    assert_eq!(decode(&greek, text, Delimiters::None).0, "Δι\r\nΔι");
}

#[test]
fn multi_charset_values() {
    let terms = ["ISO 2022 IR 100", "ISO 2022 IR 144", "ISO 2022 IR 126"];
    let raw = b"Buc^J\xe9r\xf4me\\\x1b\x2d\x46\xc4\xe9\xef\xed\xf5\xf3\xe9\xef\xf2\\\x1b\x2d\x4c\xbb\xee\xda\x63\x65\xdc\xd1\x79\x70\xd3";
    assert_eq!(
        decode(&terms, raw, Delimiters::Text).0,
        "Buc^Jérôme\\Διονυσιος\\Люкceмбypг"
    );
    let terms = ["ISO 2022 IR 100", "ISO 2022 IR 126"];
    let raw = b"Dionysios is \x1b\x2d\x46\xc4\xe9\xef\xed\xf5\xf3\xe9\xef\xf2";
    assert_eq!(
        decode(&terms, raw, Delimiters::Text).0,
        "Dionysios is Διονυσιος"
    );
    let pn = b"Dionysios=\x1b\x2d\x46\xc4\xe9\xef\xed\xf5\xf3\xe9\xef\xf2";
    assert_eq!(
        decode(&terms, pn, Delimiters::PersonName).0,
        "Dionysios=Διονυσιος"
    );
    // first value used without escape sequence (pydicom #707)
    let terms = ["ISO 2022 IR 100", "ISO 2022 IR 144"];
    assert_eq!(
        decode(&terms, b"R\xf6ntgenaufnahme", Delimiters::Text).0,
        "Röntgenaufnahme"
    );
}

#[test]
fn person_name_drops_trailing_empty_groups() {
    let (text, _) = decode(&["ISO_IR 192"], b"Yamada^Tarou==", Delimiters::PersonName);
    assert_eq!(text, "Yamada^Tarou");
}

#[test]
fn undecodable_values_fall_back_with_replacement() {
    let greek = b"\xc4\xe9\xef\xed\xf5\xf3\xe9\xef\xf2";
    let (text, warnings) = decode(&["ISO_IR 192"], greek, Delimiters::PersonName);
    assert_eq!(text, "\u{FFFD}".repeat(9));
    assert_eq!(
        warnings,
        [
            "Failed to decode byte string with encoding 'UTF8' - using replacement characters \
          in decoded string"
        ]
    );
    let mut w = Vec::new();
    assert!(cs(&["ISO_IR 192"])
        .decode_with(greek, Delimiters::Text, Mode::Raise, &mut w)
        .is_err());

    let jis = b"\x1b$(D\xc4\xe9\xef\xed\xf5\xf3\xe9\xef\xf2";
    let (text, warnings) = decode(&["ISO 2022 IR 159"], jis, Delimiters::PersonName);
    assert_eq!(text, "\u{FFFD}".repeat(9));
    assert_eq!(
        warnings,
        [
            "Failed to decode byte string with encodings: iso2022_jp_2 - using replacement \
          characters in decoded string"
        ]
    );
}

#[test]
fn unknown_escape_sequence() {
    let raw = b"\x1b\x2d\x46\xc4\xe9\xef\xed\xf5\xf3\xe9\xef\xf2";
    let (text, warnings) = decode(&["ISO_IR 100"], raw, Delimiters::PersonName);
    assert_eq!(text, "\x1b-FÄéïíõóéïò");
    assert_eq!(
        warnings,
        ["Found unknown escape sequence in encoded string value - using encoding latin_1"]
    );
    let mut w = Vec::new();
    let strict = cs(&["ISO_IR 100"]).decode_with(raw, Delimiters::Text, Mode::Raise, &mut w);
    assert!(strict.is_err());
}

#[test]
fn stand_alone_encodings() {
    let set = cs(&["ISO_IR 192", "ISO 2022 IR 100", "ISO 2022 IR 144"]);
    assert_eq!(set.python_encodings(), ["UTF8"]);
    assert_eq!(
        set.warnings(),
        [
            "Value 'ISO_IR 192' for Specific Character Set does not allow code extensions, \
          ignoring: ISO 2022 IR 100, ISO 2022 IR 144"
        ]
    );
    assert_eq!(
        set.decode(b"Buc^J\xc3\xa9r\xc3\xb4me", Delimiters::Text),
        "Buc^Jérôme"
    );
    let set = cs(&["ISO_IR 126", "GBK", "ISO 2022 IR 144", "ISO_IR 192"]);
    assert_eq!(set.python_encodings(), ["iso_ir_126", "iso_ir_144"]);
    assert_eq!(
        set.warnings(),
        [
            "Value 'ISO_IR 192' cannot be used as code extension, ignoring it",
            "Value 'GBK' cannot be used as code extension, ignoring it",
        ]
    );
}

#[test]
fn misspelt_and_python_terms() {
    let utf8 = b"Buc^J\xc3\xa9r\xc3\xb4me";
    let set = cs(&["ISO IR 192"]);
    assert_eq!(set.decode(utf8, Delimiters::Text), "Buc^Jérôme");
    assert_eq!(
        set.warnings(),
        ["Incorrect value for Specific Character Set 'ISO IR 192' - assuming 'ISO_IR 192'"]
    );
    let set = cs(&["ISO_IR 100", "ISO-IR 144"]);
    assert_eq!(set.python_encodings(), ["latin_1", "iso_ir_144"]);
    assert_eq!(set.warnings().len(), 1);

    let set = cs(&["ISOIR 192"]);
    assert_eq!(set.python_encodings(), ["iso8859"]);
    assert_eq!(set.unknown_terms(), ["ISOIR 192"]);
    assert_eq!(
        set.warnings(),
        ["Unknown encoding 'ISOIR 192' - using default encoding instead"]
    );
    let set = cs(&["ISO 2022 IR 100", "ISO 2022 IR 146"]);
    assert_eq!(set.unknown_terms(), ["ISO 2022 IR 146"]);

    // Python codec names are used as they are
    assert_eq!(cs(&["utf8"]).decode(utf8, Delimiters::Text), "Buc^Jérôme");
    assert_eq!(
        cs(&["iso_ir_126", "iso_ir_144"]).python_encodings(),
        ["iso_ir_126", "iso_ir_144"]
    );
    assert_eq!(cs(&["windows-1252"]).decode(b"\x80", Delimiters::Text), "€");

    let pn = b"Dionysios=\x1b\x2d\x46\xc4\xe9\xef\xed\xf5\xf3\xe9\xef\xf2";
    for terms in [
        ["ISO_2022-IR 100", "ISO 2022 IR 126"],
        ["ISO 2022 IR 100", "ISO_2022_IR+126"],
    ] {
        let set = cs(&terms);
        assert_eq!(
            set.decode(pn, Delimiters::PersonName),
            "Dionysios=Διονυσιος"
        );
        assert_eq!(set.warnings().len(), 1);
    }
}

#[test]
fn gb2312_escape_stays_in_text() {
    // pydicom lists iso_ir_58 as parsing its own escape sequence, but Python's gb2312
    // does not, so the sequence is decoded as text; and encoding adds none
    let set = cs(&["", "ISO 2022 IR 58"]);
    assert_eq!(
        set.decode(b"\x1b$)A\xd6\xd0", Delimiters::Text),
        "\x1b$)A中"
    );
    assert_eq!(set.encode("中"), b"\xd6\xd0");
}

#[test]
fn encode_single_and_code_extensions() {
    assert_eq!(
        cs(&["ISO_IR 100"]).encode("Buc^Jérôme"),
        b"Buc^J\xe9r\xf4me"
    );
    assert_eq!(
        cs(&["ISO_IR 192"]).encode("Buc^Jérôme"),
        b"Buc^J\xc3\xa9r\xc3\xb4me"
    );
    let greek = cs(&["ISO 2022 IR 100", "ISO 2022 IR 126"]);
    assert_eq!(
        greek.encode("Διονυσιος"),
        b"\x1b-F\xc4\xe9\xef\xed\xf5\xf3\xe9\xef\xf2"
    );
    assert_eq!(greek.encode("Ab Δι"), b"\x1b-FAb \xc4\xe9");
    // mixed: the longest encodable prefix first, each part with its escape sequence
    assert_eq!(greek.encode("é Δ"), b"\x1b-A\xe9 \x1b-F\xc4");
    let jp = cs(&["", "ISO 2022 IR 87"]);
    assert_eq!(jp.encode("a山"), b"\x1b(Ba\x1b$B;3\x1b(B");
    assert_eq!(cs(&["", "ISO 2022 IR 13"]).encode("ｱ"), b"\x1b)I\xb1");
    assert_eq!(cs(&["ISO 2022 IR 159"]).encode("鷗"), b"\x1b$(Dl?\x1b$(D");
    assert_eq!(
        cs(&["", "ISO 2022 IR 149", "ISO 2022 IR 87"]).encode("한山"),
        b"\x1b$)C\xc7\xd1\xdf\xa3"
    );
}

#[test]
fn encode_japanese() {
    let set = cs(&["shift_jis", "iso2022_jp", "iso2022_jp_2"]);
    assert_eq!(
        set.encode("あaｱア齩"),
        b"\x1b$B$\"\x1b(Ja\x1b)I\xb1\x1b$B%\"\x1b$(DmN\x1b(J"
    );

    let set = cs(&["ISO 2022 IR 6", "ISO 2022 IR 87", "ISO 2022 IR 159"]);
    let mut warnings = Vec::new();
    let pn = set
        .encode_person_name("Mori^Ogai=森^鷗外=もり^おうがい", Mode::Warn, &mut warnings)
        .unwrap();
    let expected = b"\x4d\x6f\x72\x69\x5e\x4f\x67\x61\x69\x3d\x1b\x24\x42\x3f\
        \x39\x1b\x28\x42\x5e\x1b\x24\x28\x44\x6c\x3f\x1b\x24\x42\
        \x33\x30\x1b\x28\x42\x3d\x1b\x24\x42\x24\x62\x24\x6a\x1b\
        \x28\x42\x5e\x1b\x24\x42\x24\x2a\x24\x26\x24\x2c\x24\x24\
        \x1b\x28\x42";
    assert_eq!(pn, expected);
    assert!(warnings.is_empty());

    // chrH32.dcm written back by pydicom
    let set = cs(&["ISO 2022 IR 13", "ISO 2022 IR 87"]);
    let pn = set
        .encode_person_name("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう", Mode::Warn, &mut warnings)
        .unwrap();
    assert_eq!(
        pn,
        b"\xd4\xcf\xc0\xde^\xc0\xdb\xb3=\x1b$B;3ED\x1b(J^\x1b$BB@O:\x1b(J=\x1b$B$d$^$@\x1b(J^\x1b$B$?$m$&\x1b(J"
    );
}

#[test]
fn encode_falls_back_with_replacement() {
    let mut warnings = Vec::new();
    let encoded = cs(&["shift_jis"])
        .encode_with("あaｱア", Mode::Warn, &mut warnings)
        .unwrap();
    assert_eq!(encoded, b"?a??");
    assert_eq!(
        warnings,
        [
            "Failed to encode value with encodings: shift_jis - using replacement characters \
          in encoded string"
        ]
    );
    // RAISE checks with Python's full codec, which can encode these
    let mut w = Vec::new();
    assert!(cs(&["shift_jis"])
        .encode_with("あaｱア", Mode::Raise, &mut w)
        .is_ok());
    assert!(cs(&["ISO_IR 100"])
        .encode_with("Δ", Mode::Raise, &mut w)
        .is_err());
    assert_eq!(cs(&["ISO_IR 100"]).encode("aΔ"), b"a?");
    assert_eq!(cs(&["ISO 2022 IR 87"]).encode("山a"), b"\x1b$B;3\x1b(Ba");
    assert_eq!(cs(&["ISO 2022 IR 87"]).encode(""), b"");
}

#[test]
fn python_codecs_follow_cpython() {
    let codec = |name| PythonCodec::lookup(name).unwrap();
    // true Latin-1 and ISO 8859-9 / TIS-620 (not their windows-125x / 874 supersets)
    assert_eq!(
        codec("iso8859").decode(b"\x80\x9f\xff").unwrap(),
        "\u{80}\u{9f}ÿ"
    );
    assert_eq!(
        codec("iso_ir_148").decode(b"\x80\x9f").unwrap(),
        "\u{80}\u{9f}"
    );
    assert_eq!(
        codec("iso_ir_166").decode_lossy(b"\x80\xdb"),
        "\u{80}\u{FFFD}"
    );
    // JIS X 0208 as Python maps it (WAVE DASH, not FULLWIDTH TILDE)
    assert_eq!(
        codec("shift_jis")
            .decode(b"\x81\x60\x81\x5f\x5c\x7e")
            .unwrap(),
        "〜＼\\~"
    );
    assert_eq!(codec("shift_jis").decode_lossy(b"\x81"), "\u{FFFD}");
    assert_eq!(codec("iso2022_jp").decode(b"\x1b(J\x5c\x7e").unwrap(), "¥‾");
    assert_eq!(
        codec("iso2022_jp")
            .decode(b"\x1b$B\x30\x21\n\x30\x21")
            .unwrap(),
        "亜\n亜"
    );
    assert_eq!(codec("iso2022_jp").decode_lossy(b"\x1b$B\x21"), "\u{FFFD}");
    assert_eq!(
        codec("iso2022_jp").decode_lossy(b"\x1b-A\xe9"),
        "\x1b-A\u{FFFD}"
    );
    assert_eq!(codec("iso2022_jp_2").decode(b"\x1bNA").unwrap(), "A");
    // EUC-KR make-up sequences, both ways
    assert_eq!(
        codec("euc_kr")
            .decode(b"\xa4\xd4\xa4\xa1\xa4\xbf\xa4\xd4")
            .unwrap(),
        "가"
    );
    assert_eq!(
        codec("euc_kr").encode("갂").unwrap(),
        b"\xa4\xd4\xa4\xa1\xa4\xbf\xa4\xa2"
    );
    // GB18030 four-byte codes, GBK without them
    assert_eq!(
        codec("gb18030")
            .decode(b"\x81\x30\x81\x30\x95\x32\x82\x36")
            .unwrap(),
        "\u{80}𠀀"
    );
    assert_eq!(codec("gb18030").encode("😀").unwrap(), b"\x94\x39\xfc\x36");
    assert_eq!(codec("gbk").decode_lossy(b"\x80"), "\u{FFFD}");
    assert_eq!(codec("gbk").encode_lossy("€"), b"?");
    assert_eq!(codec("utf8").decode_lossy(b"\xe2\x82A"), "\u{FFFD}A");
    // encoders: stateful ISO 2022, charmap "last byte wins", error positions
    assert_eq!(
        codec("iso2022_jp").encode("¥‾").unwrap(),
        b"\x1b(J\\~\x1b(B"
    );
    assert_eq!(
        codec("iso2022_jp_2").encode("한中").unwrap(),
        b"\x1b$(CGQ\x1b$BCf\x1b(B"
    );
    assert_eq!(codec("mac_arabic").encode(" ").unwrap(), b"\xa0");
    assert_eq!(codec("latin_1").encode("aéΔ"), Err(2));
}

#[test]
fn python_codec_names() {
    let module = |name| PythonCodec::lookup(name).map(PythonCodec::module);
    assert_eq!(module("ISO-8859-1"), Some("latin_1"));
    assert_eq!(module("  Latin 1\n"), Some("latin_1"));
    assert_eq!(module("iso.8859.1"), Some("latin_1"));
    assert_eq!(module("iso8859.7"), None);
    assert_eq!(module("WINDOWS-1251"), Some("cp1251"));
    assert_eq!(module("iso_ir_58"), Some("gb2312"));
    assert_eq!(module("ISO 2022 IR 100"), None);
    assert_eq!(module("utf_16"), None);
}
