//! Decodes the RLE files exported by `tools/oracle/rle_check.py`, compares them
//! with pydicom's `pixel_array` and times the decode against pydicom's numbers.
//!
//! Usage: cargo run --release --example rle_check [DIR]   (default /tmp/rle_check)

use std::collections::HashMap;
use std::fs;
use std::path::Path;
use std::time::Instant;

use pyrdicom::codec::rle::{decode_frame, FrameInfo};
use pyrdicom::error::Result;
use pyrdicom::pixel::encaps::{frame_bytes, Encapsulated};

fn u64s(bytes: &[u8]) -> Vec<u64> {
    let words = bytes.chunks_exact(8);
    words
        .map(|c| u64::from_le_bytes(c.try_into().unwrap()))
        .collect()
}

/// Locates and decodes every frame into `out`.
fn decode_all(
    value: &[u8],
    info: &FrameInfo,
    frames: usize,
    eot: Option<(&[u64], &[u64])>,
    out: &mut [u8],
) -> Result<bool> {
    let layout = Encapsulated::parse(value)?.frames(value, frames, eot)?;
    let frame_len = info.decoded_len()?;
    let mut excess = false;
    for (ranges, dst) in layout.frames.iter().zip(out.chunks_exact_mut(frame_len)) {
        excess |= decode_frame(&frame_bytes(value, ranges)?, info, dst)?.excess_data;
    }
    Ok(excess)
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/tmp/rle_check".into());
    let dir = Path::new(&dir);
    let manifest = fs::read_to_string(dir.join("manifest.txt")).expect("run rle_check.py first");
    let timings: HashMap<String, String> = fs::read_to_string(dir.join("timings.txt"))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| {
            l.split_once(' ')
                .map(|(n, t)| (n.to_string(), t.to_string()))
        })
        .collect();
    let mut failures = 0;
    for line in manifest.lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let name = fields[0];
        let num: Vec<usize> = fields[1..].iter().map(|f| f.parse().unwrap()).collect();
        let info = FrameInfo {
            rows: num[0],
            columns: num[1],
            samples_per_pixel: num[2],
            bits_allocated: num[3],
        };
        let frames = num[4];
        let value = fs::read(dir.join(format!("{name}.pixeldata"))).unwrap();
        let expected = fs::read(dir.join(format!("{name}.expected"))).unwrap();
        let eot = (num[5] == 1).then(|| u64s(&fs::read(dir.join(format!("{name}.eot"))).unwrap()));
        let eot = eot.as_ref().map(|t| t.split_at(t.len() / 2));

        let mut out = vec![0u8; expected.len()];
        let result = decode_all(&value, &info, frames, eot, &mut out);
        let verdict = match &result {
            Ok(_) if out == expected => "ok",
            Ok(_) => "MISMATCH",
            Err(_) => "ERROR",
        };
        if verdict != "ok" {
            failures += 1;
        }
        let runs = (200_000_000 / expected.len().max(1)).clamp(3, 2000);
        let mut best = f64::INFINITY;
        for _ in 0..runs {
            let start = Instant::now();
            let _ = decode_all(&value, &info, frames, eot, &mut out);
            best = best.min(start.elapsed().as_secs_f64());
        }
        println!(
            "{verdict:8} {name:28} {}x{}x{} {:2}-bit {:3} frames excess={:5}  \
             ours={:.3} ms ({:.0} MB/s)  {}",
            info.rows,
            info.columns,
            info.samples_per_pixel,
            info.bits_allocated,
            frames,
            result.as_ref().map_or("err".into(), |e| e.to_string()),
            best * 1e3,
            expected.len() as f64 / best / 1e6,
            timings.get(name).map_or("", String::as_str),
        );
        if let Err(e) = result {
            println!("         {e}");
        }
    }
    std::process::exit(if failures == 0 { 0 } else { 1 });
}
