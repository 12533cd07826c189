//! Every committed fuzz finding (`fuzz/regressions/TARGET/*`) replayed through its target's
//! body, on every `cargo test`. `FUZZ_REPLAY_DIR` names another directory laid out the same
//! way (a corpus sample, e.g. for a run under Miri, docs/robustness.md) to replay instead.

use std::path::PathBuf;

use super::TARGETS;

#[test]
fn fuzz_regressions_replay() {
    let root = std::env::var_os("FUZZ_REPLAY_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions"),
        PathBuf::from,
    );
    let mut replayed = 0;
    for entry in std::fs::read_dir(&root).unwrap() {
        let dir = entry.unwrap().path();
        let name = dir.file_name().unwrap().to_str().unwrap().to_owned();
        // The Python layer's findings are replayed by tests/test_fuzz_regressions.py.
        if name == "python" {
            continue;
        }
        let run = TARGETS
            .iter()
            .find(|t| t.0 == name)
            .unwrap_or_else(|| panic!("{}: no such target", dir.display()))
            .1;
        for input in std::fs::read_dir(&dir).unwrap() {
            let path = input.unwrap().path();
            let data = std::fs::read(&path).unwrap();
            let start = std::time::Instant::now();
            run(&data);
            // With --nocapture: the time per input, to find slow ones in a corpus.
            eprintln!("{name}: {} {:?}", path.display(), start.elapsed());
            replayed += 1;
        }
    }
    assert!(replayed > 0, "no input in {}", root.display());
    eprintln!("{replayed} inputs replayed");
}
