//! The contracting authority using the program: its name and the contract manager's
//! contact, which every call-off instruction names (`{authority}`, `{contact}`).

use serde::{Deserialize, Serialize};

/// Kept once per database: one organisation runs its register in one file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    /// The contracting authority (upphandlande myndighet), e.g. "Exempelby kommun".
    pub name: String,
    /// How suppliers reach the contract manager: name, e-mail, telephone.
    pub contact: String,
}
