//! The interactive terminal app.

use crate::domain::Session;
use std::path::PathBuf;

/// Opens the full-screen app on `session` and runs it until the user quits.
/// `scenario_path` is where `w` saves (the `--scenario` file), if there is one.
pub fn run(session: Session, scenario_path: Option<PathBuf>) -> anyhow::Result<()> {
    let _ = (session, scenario_path);
    println!("The interactive app is not built yet; try --exec \"refresh alice\".");
    Ok(())
}
