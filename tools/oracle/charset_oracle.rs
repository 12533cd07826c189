//! Line-oriented driver of `pyrdicom::charset` for tools/check_charset.py, which compares
//! its answers with pydicom. Each input line is tab-separated; strings travel as hex
//! (UTF-8 for text). Term lists are a count followed by that many hex fields.
//!
//!   P <terms>                        -> python encodings, warnings, unknown terms
//!   D <terms> <T|P|N> <W|R> <bytes>  -> decode with delimiters / mode
//!   E <terms> <T|P> <W|R> <text>     -> encode a value or a person name
//!   C <codec name> <d|D|e|E> <data>  -> Python codec: strict/replace decode/encode
//!
//! Answers: "OK" or "ERR", then tab-separated hex fields (lists comma-separated).

use std::io::{self, BufRead, Write};

use pyrdicom::charset::{CharacterSet, Delimiters, Mode, PythonCodec};

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len() / 2)
        .filter_map(|i| s.get(2 * i..2 * i + 2))
        .filter_map(|h| u8::from_str_radix(h, 16).ok())
        .collect()
}

fn text(s: &str) -> String {
    String::from_utf8(unhex(s)).unwrap_or_default()
}

fn list<S: AsRef<str>>(items: &[S]) -> String {
    let items: Vec<String> = items.iter().map(|s| hex(s.as_ref().as_bytes())).collect();
    items.join(",")
}

fn mode(field: &str) -> Mode {
    if field == "R" {
        Mode::Raise
    } else {
        Mode::Warn
    }
}

fn answer(fields: &[&str]) -> String {
    let mut rest = fields.iter();
    let cmd = rest.next().copied().unwrap_or_default();
    if cmd == "C" {
        let (Some(name), Some(op), Some(data)) = (rest.next(), rest.next(), rest.next()) else {
            return "ERR\tbad line".into();
        };
        let Some(codec) = PythonCodec::lookup(&text(name)) else {
            return "ERR\tunknown codec".into();
        };
        return match *op {
            "d" => codec
                .decode(&unhex(data))
                .map_or("ERR".into(), |s| format!("OK\t{}", hex(s.as_bytes()))),
            "D" => format!("OK\t{}", hex(codec.decode_lossy(&unhex(data)).as_bytes())),
            "e" => match codec.encode(&text(data)) {
                Ok(b) => format!("OK\t{}", hex(&b)),
                Err(i) => format!("ERR\t{i}"),
            },
            _ => format!("OK\t{}", hex(&codec.encode_lossy(&text(data)))),
        };
    }
    let count: usize = rest.next().and_then(|n| n.parse().ok()).unwrap_or(0);
    let terms: Vec<String> = rest.by_ref().take(count).map(|t| text(t)).collect();
    let charset = CharacterSet::from_terms(&terms);
    let args: Vec<&str> = rest.copied().collect();
    let mut warnings = Vec::new();
    let result = match (cmd, args.as_slice()) {
        ("P", []) => {
            return format!(
                "OK\t{}\t{}\t{}",
                list(&charset.python_encodings()),
                list(charset.warnings()),
                list(charset.unknown_terms())
            )
        }
        ("D", [delims, m, data]) => {
            let delims = match *delims {
                "T" => Delimiters::Text,
                "P" => Delimiters::PersonName,
                _ => Delimiters::None,
            };
            charset
                .decode_with(&unhex(data), delims, mode(m), &mut warnings)
                .map(String::into_bytes)
        }
        ("E", [kind, m, data]) if *kind == "P" => {
            charset.encode_person_name(&text(data), mode(m), &mut warnings)
        }
        ("E", [_, m, data]) => charset.encode_with(&text(data), mode(m), &mut warnings),
        _ => return "ERR\tbad line".into(),
    };
    match result {
        Ok(bytes) => format!("OK\t{}\t{}", hex(&bytes), list(&warnings)),
        Err(e) => format!("ERR\t{}", hex(e.to_string().as_bytes())),
    }
}

fn main() -> io::Result<()> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for line in io::stdin().lock().lines() {
        let line = line?;
        let fields: Vec<&str> = line.split('\t').collect();
        writeln!(out, "{}", answer(&fields))?;
    }
    out.flush()
}
