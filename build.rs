//! Records the version of the libjpeg-turbo that turbojpeg-sys built (TurboJPEG has no run-time
//! version call): its jconfig.h, in the include directory the crate reports through `links`.
use std::{env, fs, path::Path};

fn main() {
    println!("cargo:rerun-if-env-changed=DEP_TURBOJPEG_INCLUDE");
    let version = env::var("DEP_TURBOJPEG_INCLUDE")
        .ok()
        .and_then(|dirs| {
            dirs.split(',')
                .find_map(|dir| fs::read_to_string(Path::new(dir).join("jconfig.h")).ok())
        })
        .and_then(|header| {
            header.lines().find_map(|line| {
                let rest = line.strip_prefix("#define LIBJPEG_TURBO_VERSION ")?;
                Some(rest.trim().to_string())
            })
        })
        .unwrap_or_else(|| "unknown".to_string());
    println!("cargo:rustc-env=PYRDICOM_LIBJPEG_TURBO_VERSION={version}");
}
