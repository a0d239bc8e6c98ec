//! Running the `avtal` binary from tests: always with `--db`, never with the
//! developer's own environment.
#![allow(dead_code)] // each test file uses its own part of this

use std::path::Path;
use std::process::Command;

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn command(db: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_avtal"));
    cmd.env_remove("AVTAL_LANG")
        .env_remove("AVTAL_DB")
        .arg("--db")
        .arg(db);
    cmd
}

pub fn avtal(db: &Path, args: &[&str]) -> Run {
    let out = command(db)
        .args(args)
        .output()
        .expect("the avtal binary runs");
    let run = Run {
        // A signal leaves no code; -1 keeps that visible in assertions.
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(
        !run.stderr.contains("panicked") && !run.stderr.contains("RUST_BACKTRACE"),
        "avtal panicked: {}",
        run.stderr
    );
    run
}

/// `list agreements --format json` as parsed JSON rows.
pub fn list(db: &Path) -> Vec<serde_json::Value> {
    let run = avtal(db, &["list", "agreements", "--format", "json"]);
    assert_eq!(run.code, 0, "list failed: {}", run.stderr);
    serde_json::from_str(&run.stdout).expect("list prints JSON")
}

/// The agreement file of DESIGN §6, with a second supplier so the ranking is real.
pub const GOOD: &str = r#"reference = "UH-2026-014"
name = "IT-konsulttjänster 2026"
start = 2026-01-01
end = 2027-12-31
response_time = "2 working days"
priority = 1

[[suppliers]]
org_number = "556677-8899"
name = "Konsult AB"

[[suppliers]]
org_number = "5560743089"
name = "Kod & Co AB"

[[lots]]
name = "Systemutveckling"
ranking = ["5566778899", "556074-3089"]

[[penalties]]
trigger = "late_delivery"
basis = "per_started_week"
rate = "5%"
cap = "15%"
"#;

pub fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("temp file is writable");
    path
}
