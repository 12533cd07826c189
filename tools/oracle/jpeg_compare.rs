//! Compares `codec::jpeg::decode_frame` with pydicom on the cases written by
//! `tools/oracle/jpeg_oracle.py`, and times both:
//!
//!     python tools/oracle/jpeg_oracle.py /tmp/jpeg_oracle
//!     cargo run --release --example jpeg_compare -- /tmp/jpeg_oracle
//!
//! Prints a Markdown table; exits non-zero if a lossless case is not exact, a lossy case
//! differs by more than `LOSSY_TOLERANCE`, or only one side fails.
//!
//! With `--corrupt`, instead truncates and flips bytes of each case's first frame: a
//! truncated frame must give an error or the whole image, and nothing may panic or crash.

use std::collections::HashMap;
use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use pyrdicom::codec::{jpeg, FrameSpec};

/// pydicom's own plugins (GDCM, libjpeg) disagree by up to ~5 on real lossy files.
const LOSSY_TOLERANCE: i64 = 5;

struct Case {
    spec: HashMap<String, String>,
    frames: Vec<Vec<u8>>,
    expected: Result<Vec<u8>, String>,
}

fn load(dir: &Path) -> Case {
    let text = fs::read_to_string(dir.join("spec.txt")).expect("spec.txt");
    let spec: HashMap<String, String> = text
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let n: usize = spec["frames"].parse().unwrap();
    let frames = (0..n)
        .map(|i| fs::read(dir.join(format!("frame_{i}.jpg"))).expect("frame"))
        .collect();
    let expected = fs::read(dir.join("expected.bin"))
        .map_err(|_| fs::read_to_string(dir.join("error.txt")).unwrap_or_default());
    Case {
        spec,
        frames,
        expected,
    }
}

fn frame_spec(s: &HashMap<String, String>) -> FrameSpec {
    let num = |k: &str| -> u32 { s[k].parse().unwrap() };
    FrameSpec {
        rows: num("rows"),
        cols: num("cols"),
        samples_per_pixel: num("samples_per_pixel") as u16,
        bits_allocated: num("bits_allocated") as u16,
        bits_stored: num("bits_stored") as u16,
        signed: num("signed") == 1,
        photometric: s["photometric"].clone(),
        planar_configuration: num("planar_configuration") as u16,
    }
}

fn items(bytes: &[u8], spec: &FrameSpec) -> Vec<i64> {
    match (spec.bits_allocated, spec.signed) {
        (8, false) => bytes.iter().map(|&b| i64::from(b)).collect(),
        (8, true) => bytes.iter().map(|&b| i64::from(b as i8)).collect(),
        (16, signed) => bytes
            .chunks_exact(2)
            .map(|c| {
                let v = u16::from_le_bytes([c[0], c[1]]);
                if signed {
                    i64::from(v as i16)
                } else {
                    i64::from(v)
                }
            })
            .collect(),
        _ => panic!("unexpected Bits Allocated"),
    }
}

/// Decodes every frame; the best time of several passes, per frame.
fn decode_all(case: &Case, spec: &FrameSpec) -> (Result<Vec<u8>, String>, Duration) {
    let len = spec.frame_len().map_err(|e| e.to_string());
    let Ok(len) = len else {
        return (Err(len.unwrap_err()), Duration::ZERO);
    };
    let mut out = vec![0u8; len * case.frames.len()];
    let mut best = Duration::MAX;
    let started = Instant::now();
    for pass in 0.. {
        let t = Instant::now();
        for (frame, buf) in case.frames.iter().zip(out.chunks_exact_mut(len)) {
            if let Err(e) = jpeg::decode_frame(frame, spec, buf) {
                return (Err(e.to_string()), Duration::ZERO);
            }
        }
        best = best.min(t.elapsed());
        if pass >= 2 && started.elapsed() > Duration::from_millis(300) {
            break;
        }
    }
    (Ok(out), best / case.frames.len() as u32)
}

/// Truncations and byte flips of the first frame; returns (truncations, flips, failures).
fn corrupt(case: &Case, spec: &FrameSpec) -> (usize, usize, usize) {
    let data = &case.frames[0];
    let mut out = vec![0u8; spec.frame_len().unwrap()];
    if jpeg::decode_frame(data, spec, &mut out).is_err() {
        return (0, 0, 0);
    }
    let full = out.clone();
    let n = data.len();
    let mut positions: Vec<usize> = (0..200).map(|i| i * n / 200).collect();
    positions.extend(n.saturating_sub(8)..n);
    positions.dedup();
    let mut failures = 0;
    for &cut in &positions {
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            jpeg::decode_frame(&data[..cut], spec, &mut out)
        }));
        match result {
            Ok(Err(_)) => {}
            Ok(Ok(())) if out == full => {}
            _ => {
                eprintln!(
                    "{}: truncation at {cut} of {n} not rejected",
                    case.spec["name"]
                );
                failures += 1;
            }
        }
    }
    let mut bad = data.clone();
    for i in 0..300 {
        let at = i * n / 300;
        bad[at] ^= 0xFF;
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            jpeg::decode_frame(&bad, spec, &mut out)
        }));
        if result.is_err() {
            eprintln!("{}: panic with byte {at} flipped", case.spec["name"]);
            failures += 1;
        }
        bad[at] ^= 0xFF;
    }
    (positions.len(), 300, failures)
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let corrupt_mode = args.iter().any(|a| a == "--corrupt");
    args.retain(|a| a != "--corrupt");
    let root = args
        .first()
        .cloned()
        .unwrap_or_else(|| "/tmp/jpeg_oracle".into());
    let mut dirs: Vec<_> = fs::read_dir(&root)
        .expect("oracle directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("spec.txt").exists())
        .collect();
    dirs.sort();
    let mut failures = 0;
    if corrupt_mode {
        let (mut cuts, mut flips) = (0, 0);
        for dir in &dirs {
            let case = load(dir);
            let (c, f, bad) = corrupt(&case, &frame_spec(&case.spec));
            (cuts, flips, failures) = (cuts + c, flips + f, failures + bad);
        }
        println!("{cuts} truncations and {flips} byte flips decoded, {failures} failure(s)");
        std::process::exit(i32::from(failures > 0));
    }
    println!("| case | syntax | frames | rows x cols x spp, bits | max abs diff | pyrdicom ms/frame | pydicom ms/frame | note |");
    println!("|---|---|---|---|---|---|---|---|");
    for dir in dirs {
        let case = load(&dir);
        let s = &case.spec;
        let spec = frame_spec(s);
        let lossless = matches!(s["transfer_syntax"].as_str(), "lossless" | "sv1");
        let (ours, took) = decode_all(&case, &spec);
        let (diff, note, ok) = match (&ours, &case.expected) {
            (Ok(ours), Ok(expected)) => {
                let (a, b) = (items(ours, &spec), items(expected, &spec));
                if a.len() != b.len() {
                    ("-".into(), "length differs".into(), false)
                } else {
                    let d = a
                        .iter()
                        .zip(&b)
                        .map(|(x, y)| distance(*x, *y, &spec, lossless))
                        .max()
                        .unwrap_or(0);
                    let ok = if lossless {
                        d == 0
                    } else {
                        d <= LOSSY_TOLERANCE
                    };
                    (d.to_string(), String::new(), ok)
                }
            }
            (Err(e), Err(p)) => (
                "both fail".into(),
                format!("ours: {e}; pydicom: {}", first_line(p)),
                true,
            ),
            (Err(e), Ok(_)) => (
                "-".into(),
                format!("only ours fails: {e}"),
                s.contains_key("ours_fails_by_design"),
            ),
            (Ok(_), Err(p)) => (
                "-".into(),
                format!("only pydicom fails: {}", first_line(p)),
                true,
            ),
        };
        if !ok {
            failures += 1;
        }
        let oracle = &s["oracle"];
        let note = if oracle == "default" {
            note
        } else {
            format!("oracle: {oracle} plugin. {note}")
        };
        println!(
            "| {} | {} | {} | {}x{}x{}, {}/{}{} | {} | {} | {} | {} |",
            s["name"],
            s["transfer_syntax"],
            s["frames"],
            spec.rows,
            spec.cols,
            spec.samples_per_pixel,
            spec.bits_stored,
            spec.bits_allocated,
            if spec.signed { " signed" } else { "" },
            diff,
            if ours.is_ok() {
                format!("{:.3}", took.as_secs_f64() * 1000.0)
            } else {
                "-".into()
            },
            s.get("pydicom_ms_per_frame").map_or("-", |v| v.as_str()),
            note.replace('|', "/"),
        );
    }
    if failures > 0 {
        eprintln!("{failures} case(s) failed");
        std::process::exit(1);
    }
}

/// |x - y|, except that lossy data masked to Bits Stored (pydicom's unused-bits correction)
/// wraps around: a difference of 1 before masking can become 2^BitsStored - 1 after it.
fn distance(x: i64, y: i64, spec: &FrameSpec, lossless: bool) -> i64 {
    let d = (x - y).abs();
    if !lossless && spec.bits_stored < spec.bits_allocated {
        d.min((1 << spec.bits_stored) - d)
    } else {
        d
    }
}

fn first_line(s: &str) -> String {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(160)
        .collect()
}
