use super::*;

fn entry(tag: u32) -> (&'static str, &'static str, &'static str, &'static str, bool) {
    let e = lookup(tag).unwrap_or_else(|| panic!("{tag:08X} not found"));
    (e.vr, e.vm, e.name, e.keyword, e.retired)
}

#[test]
fn public_entries() {
    assert_eq!(
        entry(0x0010_0010),
        ("PN", "1", "Patient's Name", "PatientName", false)
    );
    assert_eq!(entry(0x0028_0010), ("US", "1", "Rows", "Rows", false));
    assert_eq!(
        entry(0x7FE0_0010),
        ("OB or OW", "1", "Pixel Data", "PixelData", false)
    );
    assert_eq!(entry(0x0028_0106).0, "US or SS");
    assert_eq!(entry(0xFFFE_E000), ("NONE", "1", "Item", "Item", false));
    assert_eq!(
        entry(0x0002_0000),
        (
            "UL",
            "1",
            "File Meta Information Group Length",
            "FileMetaInformationGroupLength",
            false
        )
    );
    assert_eq!(
        entry(0x0008_0001),
        ("UL", "1", "Length to End", "LengthToEnd", true)
    );
    assert_eq!(lookup(0x0010_0010).unwrap().tag, 0x0010_0010);
    assert!(lookup(0x0009_0010).is_none());
    assert!(lookup(0x0010_0011).is_none());
}

#[test]
fn repeating_groups() {
    assert_eq!(
        entry(0x6000_3000),
        ("OB or OW", "1", "Overlay Data", "OverlayData", false)
    );
    let overlay = lookup(0x6022_3000).unwrap();
    assert_eq!((overlay.tag, overlay.keyword), (0x6000_3000, "OverlayData"));
    assert_eq!(entry(0x6002_0010).3, "OverlayRows");
    assert_eq!(
        entry(0x5010_0005),
        ("US", "1", "Curve Dimensions", "CurveDimensions", true)
    );
    assert_eq!(
        entry(0x1000_1230),
        ("US", "3", "Escape Triplet", "EscapeTriplet", true)
    );
    assert_eq!(entry(0x1010_ABCD).3, "ZonalMap");
    // Odd groups are private: get_entry skips the repeaters, mask_match does not.
    assert!(lookup(0x6001_3000).is_none());
    assert_eq!(mask_match(0x6001_3000).unwrap().keyword, "OverlayData");
    // An exact entry wins over a matching pattern (7Fxx0010 VariablePixelData).
    assert_eq!(entry(0x7FE0_0010).3, "PixelData");
    assert_eq!(entry(0x7F22_0010).3, "VariablePixelData");
    // Exact-only lookup, as pydicom's dictionary_has_tag.
    assert!(lookup_exact(0x6000_3000).is_none());
}

#[test]
fn group_length() {
    // (0008,0000) is not in pydicom's dictionary: get_entry raises, the reader assumes UL.
    assert!(lookup(0x0008_0000).is_none());
    assert_eq!(dictionary_vr(0x0008_0000), None);
    assert_eq!(keyword_for_tag(0x0008_0000), "");
    assert_eq!(lookup(0x0000_0000).unwrap().keyword, "CommandGroupLength");
}

#[test]
fn keywords_and_vrs() {
    assert_eq!(tag_for_keyword("PatientName"), Some(0x0010_0010));
    assert_eq!(tag_for_keyword("PixelData"), Some(0x7FE0_0010));
    assert_eq!(tag_for_keyword("patientname"), None);
    assert_eq!(tag_for_keyword("NotAKeyword"), None);
    // pydicom's keyword_dict holds public entries only, not repeating groups...
    assert_eq!(tag_for_keyword("OverlayData"), None);
    // ...and maps "" to the last keyword-less entry.
    assert_eq!(tag_for_keyword(""), Some(0x300A_0782));
    assert_eq!(keyword_for_tag(0x0028_0010), "Rows");
    assert_eq!(keyword_for_tag(0x6004_3000), "OverlayData");
    assert_eq!(keyword_for_tag(0x0011_0010), "");
    assert_eq!(dictionary_vr(0x0010_0010), Some(Vr::PN));
    assert_eq!(dictionary_vr(0x7FE0_0010), Some(Vr::ObOw));
    assert_eq!(dictionary_vr(0x0028_0106), Some(Vr::UsSs));
    assert_eq!(dictionary_vr(0xFFFE_E0DD), Some(Vr::Item));
    assert_eq!(dictionary_vr(0x6000_3000), Some(Vr::ObOw));
    assert_eq!(dictionary_vr(0x0011_1000), None);
}

#[test]
fn private_entries() {
    let csa = private_lookup("SIEMENS CSA HEADER", 0x0029_1010).unwrap();
    assert_eq!(
        (csa.vr(), csa.vm(), csa.name()),
        ("OB", "1", "CSA Image Header Info")
    );
    assert!(!csa.retired());
    assert_eq!(csa.pattern(), "0029xx10");
    // The block byte is masked: the same element in block 0x11.
    assert_eq!(private_lookup("SIEMENS CSA HEADER", 0x0029_1110), Some(csa));
    let mr = private_lookup("SIEMENS MR HEADER", 0x0019_1008).unwrap();
    assert_eq!((mr.vr(), mr.name()), ("CS", "CSA Image Header Type"));
    // Exact keys ("ggggeeee") match only their own element.
    let canon = private_lookup("CANON_MEC_MR3", 0x0029_0090).unwrap();
    assert_eq!(
        (canon.vr(), canon.name(), canon.pattern().as_str()),
        ("OB", "Reversed EVRLE DataSet", "00290090")
    );
    // "ggxxxxee" keys mask the group's low byte and the block byte.
    let ann = private_lookup("DLX_ANNOT_01", 0x7013_1004).unwrap();
    assert_eq!(
        (ann.vr(), ann.vm(), ann.name()),
        ("ST", "1", "Text_annotation")
    );
    assert_eq!(ann.pattern(), "70xxxx04");
    // Creators match exactly; unknown creators and elements give None.
    assert!(private_lookup("siemens csa header", 0x0029_1010).is_none());
    assert!(private_lookup("SIEMENS CSA HEADER ", 0x0029_1010).is_none());
    assert!(private_lookup("NO SUCH CREATOR", 0x0029_1010).is_none());
    assert!(private_lookup("SIEMENS CSA HEADER", 0x0029_10FE).is_none());
    // "ggggeexx" keys are never built by get_private_entry, so never match.
    assert!(private_lookup("GEMS_ACQU_01", 0x0019_1000).is_none());
}

#[test]
fn uids() {
    let jpeg = uid_lookup("1.2.840.10008.1.2.4.50").unwrap();
    assert_eq!(jpeg.name, "JPEG Baseline (Process 1)");
    assert_eq!(jpeg.kind, "Transfer Syntax");
    assert_eq!(jpeg.keyword, "JPEGBaseline8Bit");
    assert!(!jpeg.retired);
    assert_eq!(uid_for_keyword("JPEGBaseline8Bit"), Some(jpeg));
    assert_eq!(
        uid_for_keyword("ExplicitVRLittleEndian").unwrap().uid,
        "1.2.840.10008.1.2.1"
    );
    assert_eq!(
        uid_for_keyword("RLELossless").unwrap().uid,
        "1.2.840.10008.1.2.5"
    );
    let implicit = uid_lookup("1.2.840.10008.1.2").unwrap();
    assert_eq!(implicit.info, "Default Transfer Syntax for DICOM");
    let big_endian = uid_lookup("1.2.840.10008.1.2.2").unwrap();
    assert_eq!(
        (big_endian.keyword, big_endian.retired),
        ("ExplicitVRBigEndian", true)
    );
    assert_eq!(
        uid_lookup("1.2.840.10008.5.1.4.1.1.2").unwrap().name,
        "CT Image Storage"
    );
    assert!(uid_lookup("1.2.3").is_none());
    assert!(uid_for_keyword("").is_none());
}

#[test]
fn all_public_entries_sorted_and_round_trip() {
    let all = entries();
    assert!(all.len() > 5000);
    assert!(all.windows(2).all(|w| w[0].tag < w[1].tag));
    for e in all {
        assert!(!is_private(e.tag), "{:08X}", e.tag);
        assert!(Vr::from_dict_str(e.vr).is_some(), "{:08X} {}", e.tag, e.vr);
        assert!(std::ptr::eq(lookup(e.tag).unwrap(), e));
        if !e.keyword.is_empty() {
            assert_eq!(tag_for_keyword(e.keyword), Some(e.tag), "{}", e.keyword);
            assert_eq!(keyword_for_tag(e.tag), e.keyword);
        }
    }
    let kw = &table::BY_KEYWORD;
    assert!(kw.windows(2).all(|w| {
        table::ENTRIES[usize::from(w[0])].keyword < table::ENTRIES[usize::from(w[1])].keyword
    }));
    for (mask, e) in &table::REPEATERS {
        assert_eq!(e.tag & !mask, 0);
        assert!(Vr::from_dict_str(e.vr).is_some());
        // Every instance of the pattern not shadowed by an exact entry resolves to it.
        for fill in [0, 0x0202_0202, 0xFFFE_FFFF] {
            let tag = e.tag | (fill & !mask);
            if lookup_exact(tag).is_none() {
                assert!(std::ptr::eq(lookup(tag).unwrap(), e), "{tag:08X}");
            }
        }
    }
}

#[test]
fn all_private_and_uid_entries_sorted_and_reachable() {
    let creators = &table::PRIVATE_CREATORS;
    assert!(creators.windows(2).all(|w| w[0].name < w[1].name));
    assert_eq!(
        creators.last().unwrap().end as usize,
        table::PRIVATE_ENTRIES.len()
    );
    for c in creators {
        let block = &table::PRIVATE_ENTRIES[c.start as usize..c.end as usize];
        assert!(block
            .windows(2)
            .all(|w| (w[0].kind, w[0].tag) < (w[1].kind, w[1].tag)));
        for e in block {
            let hit = private_lookup(c.name, e.tag).unwrap();
            // An exact key can shadow a masked one for the same element; never the reverse.
            assert!(
                std::ptr::eq(hit, e) || hit.kind < e.kind,
                "{} {}",
                c.name,
                e.pattern()
            );
            // Some names are empty in pydicom (e.g. "SIEMENS MED"); VR and VM never are.
            assert!(!e.vr().is_empty() && !e.vm().is_empty());
        }
    }
    let uids = uid_entries();
    assert!(uids.windows(2).all(|w| w[0].uid < w[1].uid));
    for u in uids {
        assert!(std::ptr::eq(uid_lookup(u.uid).unwrap(), u));
        if !u.keyword.is_empty() {
            assert!(std::ptr::eq(uid_for_keyword(u.keyword).unwrap(), u));
        }
    }
}

/// Compares every lookup against answers written by `tools/check_dict.py` from pydicom.
/// Run: `python3 tools/check_dict.py` (it runs this test with PYRDICOM_DICT_ORACLE set).
#[test]
#[ignore = "needs the oracle file written by tools/check_dict.py"]
fn pydicom_oracle() {
    let path = std::env::var("PYRDICOM_DICT_ORACLE").expect("PYRDICOM_DICT_ORACLE not set");
    let text = std::fs::read_to_string(path).unwrap();
    let hex = |s: &str| u32::from_str_radix(s, 16).unwrap();
    let flag = |b: bool| if b { "Retired" } else { "" };
    let mut checked = 0;
    for line in text.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        let got: Option<String> = match f[0] {
            "E" => lookup(hex(f[1]))
                .map(|e| [e.vr, e.vm, e.name, flag(e.retired), e.keyword].join("\t")),
            "K" => tag_for_keyword(f[1]).map(|t| format!("{t:08X}")),
            "P" => private_lookup(f[1], hex(f[2]))
                .map(|e| [e.vr(), e.vm(), e.name(), flag(e.retired())].join("\t")),
            "U" => uid_lookup(f[1])
                .map(|u| [u.name, u.kind, u.info, flag(u.retired), u.keyword].join("\t")),
            "UK" => uid_for_keyword(f[1]).map(|u| u.uid.to_string()),
            k => panic!("unknown oracle line kind {k}"),
        };
        let query = if f[0] == "P" { 3 } else { 2 };
        let want = f[query..].join("\t");
        let want = (want != "KeyError").then_some(want);
        assert_eq!(got, want, "{line}");
        checked += 1;
    }
    assert!(checked > 10_000, "only {checked} oracle lines");
    eprintln!("pydicom oracle: {checked} lookups agree");
}

#[test]
fn enumerations_as_pydicom_keys_them() {
    let patterns: Vec<String> = repeaters()
        .iter()
        .map(|(mask, e)| repeater_pattern(*mask, e.tag))
        .collect();
    assert_eq!(patterns.len(), 88);
    assert_eq!(patterns[0], "002031xx");
    assert!(patterns.iter().any(|p| p == "60xx0010"));
    assert!(patterns.iter().all(|p| p.len() == 8 && p.contains('x')));
    let (creators, entries) =
        private_dictionaries().fold((0, 0), |(c, n), (_, e)| (c + 1, n + e.len()));
    assert_eq!((creators, entries), (449, 10534));
    let acuson = private_dictionaries()
        .find(|(c, _)| *c == "ACUSON")
        .unwrap()
        .1;
    assert_eq!(acuson[0].pattern(), "0009xx00");
}
