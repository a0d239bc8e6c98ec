//! The contracting authority using the program: its name and the contract manager's
//! contact, which every call-off instruction names (`{authority}`, `{contact}`).

/// Kept once per database: one organisation runs its register in one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Organisation {
    /// The contracting authority (upphandlande myndighet), e.g. "Exempelby kommun".
    pub name: String,
    /// How suppliers reach the contract manager: name, e-mail, telephone.
    pub contact: String,
}
