//! Compares the JPEG-LS / JPEG 2000 decoders with pydicom's `pixel_array` on cases extracted by a
//! Python script, and encodes frames for pydicom to decode back.
//!
//! `cargo run --release --example codec_oracle -- decode CASES_DIR`
//! `cargo run --release --example codec_oracle -- encode CASES_DIR`
//! `cargo run --release --example codec_oracle -- corrupt CASES_DIR`
//!
//! CASES_DIR/manifest.txt has one case a line:
//! `name|transfer syntax|rows|cols|spp|bits allocated|bits stored|pixel repr|photometric|planar|frames|pydicom ms|status`
//! and CASES_DIR/NAME/ holds frame_NNN.bin (codestreams) and expected.bin (pydicom's pixel_array).
//! `encode` writes NAME/enc_NNN.bin, each frame of expected.bin encoded again (lossless for
//! lossless syntaxes, near-lossless NEAR 2 for .81, ratio 10 for .91).
//! `corrupt` decodes truncated and byte-flipped copies of every frame: each must return (Ok or
//! an error) within a second.

use std::time::Instant;
use std::{env, fs, process};

use pyrdicom::codec::{j2k, jpegls, FrameSpec};
use pyrdicom::transfer_syntax;

struct Case {
    name: String,
    ts: String,
    spec: FrameSpec,
    frames: usize,
    pydicom_ms: f64,
    /// pydicom failed to decode the case: the decoder must fail too.
    pydicom_failed: bool,
}

fn parse(line: &str) -> Option<Case> {
    let f: Vec<&str> = line.split('|').collect();
    if f.len() < 13 {
        return None;
    }
    let n = |i: usize| f[i].parse::<u32>().ok();
    Some(Case {
        name: f[0].into(),
        ts: f[1].into(),
        spec: FrameSpec {
            rows: n(2)?,
            cols: n(3)?,
            samples_per_pixel: n(4)? as u16,
            bits_allocated: n(5)? as u16,
            bits_stored: n(6)? as u16,
            signed: n(7)? == 1,
            photometric: f[8].into(),
            planar_configuration: n(9)? as u16,
        },
        frames: n(10)? as usize,
        pydicom_ms: f[11].parse().ok()?,
        pydicom_failed: f[12] != "ok",
    })
}

fn keyword(ts: &str) -> &'static str {
    transfer_syntax::lookup(ts).map_or("", |t| t.keyword)
}

fn is_jls(ts: &str) -> bool {
    keyword(ts).starts_with("JPEGLS")
}

fn decode(
    ts: &str,
    data: &[u8],
    spec: &FrameSpec,
    out: &mut [u8],
    threads: u32,
) -> pyrdicom::error::Result<()> {
    if is_jls(ts) {
        jpegls::decode_frame(data, spec, out)
    } else {
        j2k::decode_frame_threads(data, spec, out, threads)
    }
}

/// Best of 5 wall-clock times (ms) for decoding all frames, and the first error.
fn timed_decode(
    case: &Case,
    frames: &[Vec<u8>],
    out: &mut [u8],
    threads: u32,
) -> (f64, Option<String>) {
    let frame_len = out.len() / case.frames;
    let mut best = f64::MAX;
    let mut failure = None;
    for _ in 0..5 {
        let t = Instant::now();
        for (data, dst) in frames.iter().zip(out.chunks_exact_mut(frame_len)) {
            if let Err(e) = decode(&case.ts, data, &case.spec, dst, threads) {
                failure.get_or_insert(e.to_string());
            }
        }
        best = best.min(t.elapsed().as_secs_f64() * 1000.0);
    }
    (best, failure)
}

fn value(buf: &[u8], item: usize, signed: bool, i: usize) -> i64 {
    let mut b = [0u8; 8];
    b[..item].copy_from_slice(&buf[i * item..(i + 1) * item]);
    let v = i64::from_le_bytes(b);
    let shift = 64 - 8 * item as u32;
    if signed {
        (v << shift) >> shift
    } else {
        v
    }
}

fn max_abs_diff(a: &[u8], b: &[u8], item: usize, signed: bool) -> i64 {
    (0..a.len() / item)
        .map(|i| (value(a, item, signed, i) - value(b, item, signed, i)).abs())
        .max()
        .unwrap_or(0)
}

fn read_frames(dir: &str, case: &Case) -> Vec<Vec<u8>> {
    (0..case.frames)
        .map(|i| fs::read(format!("{dir}/{}/frame_{i:03}.bin", case.name)).expect("frame file"))
        .collect()
}

fn run_decode(dir: &str, cases: &[Case]) -> bool {
    println!("| file | transfer syntax | frames | max abs diff | pyrdicom ms | 2 threads ms | pydicom ms |");
    println!("|---|---|---|---|---|---|---|");
    let mut all_ok = true;
    for case in cases {
        let frames = read_frames(dir, case);
        let frame_len = case.spec.frame_len().expect("frame length");
        let mut out = vec![0u8; frame_len * case.frames];
        let threaded = if is_jls(&case.ts) {
            "-".to_string()
        } else {
            format!("{:.3}", timed_decode(case, &frames, &mut out, 2).0)
        };
        let (ms, failure) = timed_decode(case, &frames, &mut out, 1);
        let item = usize::from(case.spec.bits_allocated / 8);
        let (diff, ok) = match (&failure, case.pydicom_failed) {
            (Some(e), true) => (format!("both fail ({e})"), true),
            (None, true) => ("decoded what pydicom cannot".to_string(), false),
            (Some(e), false) => (format!("ERROR {e}"), false),
            (None, false) => {
                let expected =
                    fs::read(format!("{dir}/{}/expected.bin", case.name)).expect("expected.bin");
                if expected.len() != out.len() {
                    (format!("LENGTH {} vs {}", out.len(), expected.len()), false)
                } else {
                    let d = max_abs_diff(&out, &expected, item, case.spec.signed);
                    (d.to_string(), d == 0)
                }
            }
        };
        all_ok &= ok;
        println!(
            "| {} | {} | {} | {} | {:.3} | {} | {:.3} |",
            case.name, case.ts, case.frames, diff, ms, threaded, case.pydicom_ms
        );
    }
    all_ok
}

fn run_encode(dir: &str, cases: &[Case]) {
    for case in cases.iter().filter(|c| !c.pydicom_failed) {
        let expected = fs::read(format!("{dir}/{}/expected.bin", case.name)).expect("expected.bin");
        // pixel_array frames are colour-by-pixel, after any colour conversion.
        let mut spec = case.spec.clone();
        spec.planar_configuration = 0;
        if matches!(spec.photometric.as_str(), "YBR_FULL" | "YBR_FULL_422") {
            spec.photometric = "RGB".into();
        }
        let frame_len = spec.frame_len().expect("frame length");
        for (i, frame) in expected.chunks_exact(frame_len).enumerate() {
            let encoded = match keyword(&case.ts) {
                "JPEGLSLossless" => jpegls::encode_frame(frame, &spec, &Default::default()),
                "JPEGLSNearLossless" => {
                    jpegls::encode_frame(frame, &spec, &jpegls::EncodeParams { near_lossless: 2 })
                }
                "JPEG2000" => j2k::encode_frame(
                    frame,
                    &spec,
                    &j2k::EncodeParams {
                        quality: j2k::Quality::CompressionRatios(vec![10.0]),
                        threads: 0,
                    },
                ),
                _ => j2k::encode_frame(frame, &spec, &Default::default()),
            };
            match encoded {
                Ok(cs) => {
                    fs::write(format!("{dir}/{}/enc_{i:03}.bin", case.name), cs).expect("write")
                }
                Err(e) => println!("{}: frame {i}: {e}", case.name),
            }
        }
    }
}

/// Truncations and pseudo-random single-byte flips of each first frame (64 and 512, or 8 and 16
/// for frames over 1 MiB); none may take much longer than decoding the intact frame.
fn run_corrupt(dir: &str, cases: &[Case]) -> bool {
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let (mut runs, mut rejected, mut all_ok) = (0usize, 0usize, true);
    for case in cases {
        let data = &read_frames(dir, case)[0];
        let mut out = vec![0u8; case.spec.frame_len().expect("frame length")];
        let t = Instant::now();
        let _ = decode(&case.ts, data, &case.spec, &mut out, 1);
        let budget = 3.0 * t.elapsed().as_secs_f64() + 0.1;
        let (cuts, flips) = if out.len() > 1 << 20 {
            (8, 16)
        } else {
            (64, 512)
        };
        let mut variants: Vec<Vec<u8>> = (0..cuts)
            .map(|i| data[..data.len() * i / cuts].to_vec())
            .collect();
        for _ in 0..flips {
            let mut copy = data.clone();
            let at = (next() % data.len() as u64) as usize;
            copy[at] ^= (next() % 255 + 1) as u8;
            variants.push(copy);
        }
        for v in &variants {
            let t = Instant::now();
            rejected += usize::from(decode(&case.ts, v, &case.spec, &mut out, 1).is_err());
            runs += 1;
            if t.elapsed().as_secs_f64() > budget {
                println!("{}: a corrupt frame took {:?}", case.name, t.elapsed());
                all_ok = false;
            }
        }
    }
    println!("{runs} corrupt decodes, {rejected} errors");
    all_ok
}

fn main() {
    let args: Vec<String> = env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: codec_oracle decode|encode|corrupt CASES_DIR");
        process::exit(2);
    }
    let dir = &args[2];
    let manifest = fs::read_to_string(format!("{dir}/manifest.txt")).expect("manifest.txt");
    let cases: Vec<Case> = manifest.lines().filter_map(parse).collect();
    match args[1].as_str() {
        "decode" => {
            if !run_decode(dir, &cases) {
                process::exit(1);
            }
        }
        "encode" => run_encode(dir, &cases),
        "corrupt" => {
            if !run_corrupt(dir, &cases) {
                process::exit(1);
            }
        }
        _ => {
            eprintln!("unknown mode {}", args[1]);
            process::exit(2);
        }
    }
}
