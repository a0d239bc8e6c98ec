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

/// `avtal` with a file size limit of `bytes`, set in the child only.
pub fn avtal_limited(db: &Path, bytes: u64, args: &[&str]) -> Run {
    use std::os::unix::process::CommandExt;
    let mut cmd = command(db);
    cmd.args(args);
    // SAFETY: between fork and exec only async-signal-safe calls (signal, setrlimit). The
    // signal's default is restored (a shell may have ignored it): avtal must cope alone.
    unsafe {
        cmd.pre_exec(move || {
            libc::signal(libc::SIGXFSZ, libc::SIG_DFL);
            let lim = libc::rlimit {
                rlim_cur: bytes as libc::rlim_t,
                rlim_max: bytes as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let out = cmd.output().expect("the avtal binary runs");
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
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

/// The interface in a pseudo-terminal of `cols`×`rows` (util-linux `script`), on `db`
/// with `args` after `--db`: the child, with stdin to type into, and its output as it
/// comes (read on a thread, so a test can wait with a deadline).
pub fn spawn_tui(
    db: &Path,
    cols: usize,
    rows: usize,
    args: &str,
) -> (std::process::Child, std::sync::mpsc::Receiver<Vec<u8>>) {
    use std::io::Read;
    use std::process::Stdio;
    let bin = env!("CARGO_BIN_EXE_avtal");
    let cmd = format!(
        "stty cols {cols} rows {rows}; exec '{bin}' --db '{}' {args}",
        db.display()
    );
    let mut child = Command::new("script")
        .args(["-qfec", &cmd, "/dev/null"])
        .env("TERM", "xterm-256color")
        .env_remove("AVTAL_DB")
        .env_remove("AVTAL_LANG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("script runs");
    let mut out = child.stdout.take().expect("piped stdout");
    let (tx, rx) = std::sync::mpsc::channel::<Vec<u8>>();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = out.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    (child, rx)
}
