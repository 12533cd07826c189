//! Every committed fuzz finding (`fuzz/regressions/TARGET/*`) replayed through its target's
//! body, on every `cargo test`.

use std::path::Path;

use super::TARGETS;

#[test]
fn fuzz_regressions_replay() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
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
            .unwrap_or_else(|| panic!("fuzz/regressions/{name}: no such target"))
            .1;
        for input in std::fs::read_dir(&dir).unwrap() {
            let path = input.unwrap().path();
            eprintln!("{name}: {}", path.display());
            run(&std::fs::read(&path).unwrap());
            replayed += 1;
        }
    }
    assert!(replayed > 0, "no regression input in {}", root.display());
}
