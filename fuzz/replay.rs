//! Replays the committed fuzz findings (fuzz/regressions/TARGET/*) through the bodies of the
//! fuzz targets, so `cargo test` checks every one of them on every run without libFuzzer.

#[path = "src/lib.rs"]
mod harness;

use std::path::Path;

#[test]
fn fuzz_regressions_replay() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut replayed = 0;
    for (target, run) in harness::TARGETS {
        let Ok(dir) = std::fs::read_dir(root.join(target)) else {
            continue;
        };
        for entry in dir {
            let path = entry.unwrap().path();
            let data = std::fs::read(&path).unwrap();
            eprintln!("{target}: {}", path.display());
            run(&data);
            replayed += 1;
        }
    }
    eprintln!("{replayed} regression inputs replayed");
}
