//! `--aliases FILE`: a user's alias table, read and added to the shipped one.

use std::path::Path;

use anyhow::Context;
use newsdex::extract::entities::AliasTable;

/// The text of an alias file.
pub fn read(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the alias file {}", path.display()))
}

/// The shipped table extended with the file, when one is given.
pub fn load(path: Option<&Path>) -> anyhow::Result<Option<AliasTable>> {
    let Some(path) = path else { return Ok(None) };
    Ok(Some(AliasTable::shipped_with(
        &read(path)?,
        &path.to_string_lossy(),
    )?))
}
