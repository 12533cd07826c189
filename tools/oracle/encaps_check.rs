//! Compares frame location with pydicom on the cases written by
//! `tools/oracle/encaps_check.py`.
//!
//! Usage: cargo run --release --example encaps_check [CASES]   (default /tmp/encaps_cases.txt)

use pyrdicom::error::Result;
use pyrdicom::pixel::encaps::{frame_bytes, Encapsulated};

fn unhex(text: &str) -> Vec<u8> {
    let text = if text == "-" { "" } else { text };
    let digits = (0..text.len()).step_by(2);
    digits
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

fn hex(bytes: &[u8]) -> String {
    if bytes.is_empty() {
        return "-".into();
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn numbers(text: &str) -> Vec<u64> {
    if text == "-" {
        return Vec::new();
    }
    text.split(',').map(|n| n.parse().unwrap()).collect()
}

fn frames(value: &[u8], nr_frames: usize, eot: Option<(&[u64], &[u64])>) -> Result<String> {
    let layout = Encapsulated::parse(value)?.frames(value, nr_frames, eot)?;
    let frames = layout
        .frames
        .iter()
        .map(|f| Ok(hex(&frame_bytes(value, f)?)));
    let frames = frames.collect::<Result<Vec<_>>>()?;
    Ok(if frames.is_empty() {
        "=".into()
    } else {
        frames.join(",")
    })
}

fn get(value: &[u8], index: usize, nr_frames: usize, eot: Option<(&[u64], &[u64])>) -> String {
    let found = Encapsulated::parse(value).and_then(|e| e.frame(value, index, nr_frames, eot));
    let bytes = found.and_then(|f| Ok(hex(&frame_bytes(value, &f.ranges)?)));
    bytes.unwrap_or_else(|_| "ERR".into())
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/tmp/encaps_cases.txt".into());
    let text = std::fs::read_to_string(path).expect("run encaps_check.py first");
    let (mut same, mut differ, mut rejected_items) = (0, 0, 0);
    for line in text.lines() {
        let fields: Vec<&str> = line.split(' ').collect();
        let value = unhex(fields[0]);
        let nr_frames: usize = fields[1].parse().unwrap();
        let eot = (fields[2] != "none").then(|| {
            let (offsets, lengths) = fields[2].split_once(';').unwrap();
            (numbers(offsets), numbers(lengths))
        });
        let eot = eot.as_ref().map(|(o, l)| (&o[..], &l[..]));
        let ours = frames(&value, nr_frames, eot).unwrap_or_else(|_| "ERR".into());
        let gets: Vec<String> = (0..nr_frames + 2)
            .map(|i| get(&value, i, nr_frames, eot))
            .collect();
        if ours == fields[3] && gets.join(",") == fields[4] {
            same += 1;
        } else if Encapsulated::parse(&value).is_err() {
            // A broken item header anywhere is an error up front; pydicom may
            // still return frames located before it.
            rejected_items += 1;
        } else {
            differ += 1;
            println!("{line}\n  ours: {ours} {}", gets.join(","));
        }
    }
    println!("same={same} differ={differ} rejected_items={rejected_items}");
    std::process::exit(if differ == 0 { 0 } else { 1 });
}
