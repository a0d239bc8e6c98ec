//! Rendering with ratatui: one module per tab, shared widgets, theme, help overlay.

use crate::i18n::Lang;
use crate::store::Store;

/// Runs the terminal interface until the user quits. (Being built; see app/ui work.)
pub fn run(_store: Store, _lang: Lang) -> std::io::Result<()> {
    Ok(())
}
