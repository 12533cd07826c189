//! Many files at once: walking directory trees, parsing files in parallel, and the index (one
//! typed column per tag). Nothing here knows about Python; `src/py/batch.rs` hands the results
//! over (parsed files for `read_many`, column buffers for `index`).

mod json;
mod temporal;

pub mod files;
pub mod index;
pub mod walk;

use std::path::PathBuf;

use rayon::prelude::*;

use crate::error::Result;
use crate::parse::{Options, Parsed};
use crate::read::read_path;

/// Parses every path (in parallel on the current rayon pool), results in input order.
pub fn read_many(paths: &[PathBuf], opts: &Options) -> Vec<Result<Parsed>> {
    paths.par_iter().map(|p| read_path(p, opts)).collect()
}
