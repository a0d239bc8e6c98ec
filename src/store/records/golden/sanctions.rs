//! Golden bytes of the sanctions: penalty claims, damages cases, terminations.

use super::{current, values};

#[test]
fn penalty_claim_v1() {
    current("penalty_claim_v1.bin", &values::claim());
}

#[test]
fn damages_v1() {
    current("damages_v1.bin", &values::damages());
}

#[test]
fn termination_v1() {
    current("termination_v1.bin", &values::termination());
}
