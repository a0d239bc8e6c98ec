//! The command line (DESIGN §6): argument parsing, the database path and language,
//! and the subcommands. Errors go to stderr in the chosen language with a non-zero
//! exit status; nothing here panics on bad input or a bad disk.

mod args;
mod demo;
mod export;
mod import;
pub mod import_csv;
mod import_invoices;
mod import_stats;
mod list;
pub mod ops;
mod output;
mod progress;
mod report;

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Parser;
use clap::error::ErrorKind;

use crate::i18n::{Catalog, Lang};
use crate::store::Store;
use crate::tr;

pub use args::{Cli, Command, Format, KpiFormat};

/// Exit status when the input or the database is refused.
pub const EXIT_REFUSED: i32 = 1;
/// Exit status when the command line itself is wrong (as clap uses).
pub const EXIT_USAGE: i32 = 2;

/// Runs avtal with the process's arguments and returns the exit status.
pub fn main() -> i32 {
    survive_file_size_limit();
    crate::store::contain::install_hook();
    run(std::env::args_os().collect())
}

/// Under a file size limit (`ulimit -f`) the kernel kills a process whose write crosses
/// it (SIGXFSZ, exit 153) before anything can be said; with the signal caught, the write
/// fails with EFBIG instead, which the store reports in words with nothing half written.
fn survive_file_size_limit() {
    #[cfg(unix)]
    {
        let caught = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        // Nothing to do if it cannot be registered: the limit is then as before.
        let _ = signal_hook::flag::register(signal_hook::consts::SIGXFSZ, caught);
    }
}

/// Runs avtal with `argv` (program name first) and returns the exit status.
pub fn run(argv: Vec<OsString>) -> i32 {
    let cli = match Cli::try_parse_from(&argv) {
        Ok(cli) => cli,
        Err(e) => return usage_error(e, &argv),
    };
    let lang = match cli.lang.as_deref().map(|l| (l, Lang::parse(l))) {
        None => Lang::default(),
        Some((_, Some(lang))) => lang,
        Some((input, None)) => {
            // We cannot know which language the user reads, so say it in both.
            for lang in [Lang::Sv, Lang::En] {
                let cat = Catalog::get(lang);
                eprint_line(&tr!(cat, "cli.error.unknown_lang", input = input));
            }
            return EXIT_USAGE;
        }
    };
    let cat = Catalog::get(lang);
    match execute(cli, cat) {
        Ok(()) => 0,
        Err(message) => {
            eprint_line(&message);
            EXIT_REFUSED
        }
    }
}

fn execute(cli: Cli, cat: &Catalog) -> Result<(), String> {
    let named = cli.db.as_ref().is_some_and(|p| !p.as_os_str().is_empty());
    let db = database_path(cli.db, cat)?;
    // Only what means to create a database may: a mistyped --db must never give a cron
    // job an empty new file to back up and report success on.
    let creates = matches!(
        cli.command,
        None | Some(Command::Import(_)) | Some(Command::Demo { .. })
    );
    if !creates && !db.exists() {
        return Err(tr!(cat, "cli.error.no_database", path = db.display()));
    }
    // A damaged page that makes redb panic anywhere in the command is said in words (and
    // exit 1), never as a backtrace; `check` and `backup` also say which table it was.
    let what = cat.t("store.the_register");
    crate::store::contain::contain(&db, what, || Ok(dispatch(cli.command, named, &db, cat)))
        .unwrap_or_else(|e| Err(e.message(cat)))
}

fn dispatch(command: Option<Command>, named: bool, db: &Path, cat: &Catalog) -> Result<(), String> {
    let db = db.to_path_buf();
    match command {
        None => {
            if named && !db.exists() && !confirm_new_database(&db, cat)? {
                return Err(tr!(cat, "cli.error.no_database", path = db.display()));
            }
            let store = open_store(&db, cat)?;
            crate::tui::run(store, cat.lang())
                .map_err(|e| tr!(cat, "cli.error.terminal", detail = e))
        }
        Some(Command::Import(args::Import::Agreement { file })) => {
            import::agreement(&db, &file, cat)
        }
        Some(Command::Import(args::Import::Calloffs { file })) => {
            import_csv::calloffs(&db, &file, cat)
        }
        Some(Command::Import(args::Import::Requests { file })) => {
            import_csv::requests(&db, &file, cat)
        }
        Some(Command::Import(args::Import::SupplierStats { file })) => {
            import_stats::supplier_stats(&db, &file, cat)
        }
        Some(Command::Import(args::Import::Invoices { paths })) => {
            import_invoices::invoices(&db, &paths, cat)
        }
        Some(Command::Report(args::Report::Spend {
            agreement,
            from,
            to,
            as_of,
            format,
            out,
        })) => {
            let args = report::SpendArgs {
                reference: &agreement,
                from: &from,
                to: &to,
                as_of: &as_of,
                format,
                out: out.as_deref(),
            };
            report::spend(&db, &args, cat)
        }
        Some(Command::Report(args::Report::PriceAudit {
            agreement,
            from,
            to,
            format,
            out,
        })) => {
            let args = report::AuditArgs {
                reference: &agreement,
                from: from.as_deref(),
                to: to.as_deref(),
                format,
                out: out.as_deref(),
            };
            report::price_audit(&db, &args, cat)
        }
        Some(Command::Report(args::Report::Deviations {
            agreement,
            all,
            format,
            out,
        })) => report::deviations(&db, &agreement, all, format, out.as_deref(), cat),
        Some(Command::Report(args::Report::Kpi {
            agreement,
            from,
            to,
            as_of,
            format,
            out,
        })) => {
            let args = report::KpiArgs {
                reference: &agreement,
                from: &from,
                to: &to,
                as_of: &as_of,
                format,
                out: out.as_deref(),
            };
            report::kpi(&db, &args, cat)
        }
        Some(Command::Report(args::Report::Penalties {
            agreement,
            as_of,
            format,
            out,
        })) => report::penalties(&db, &agreement, &as_of, format, out.as_deref(), cat),
        Some(Command::List(args::List::Agreements { format, out })) => {
            list::agreements(&db, format, out.as_deref(), cat)
        }
        Some(Command::List(args::List::Meetings {
            agreement,
            format,
            out,
        })) => list::meetings(&db, agreement.as_deref(), format, out.as_deref(), cat),
        Some(Command::List(args::List::Actions {
            agreement,
            format,
            out,
        })) => list::actions(&db, agreement.as_deref(), format, out.as_deref(), cat),
        Some(Command::Export(args::Export::Minutes {
            meeting,
            format: args::DocFormat::Md,
            out,
        })) => export::minutes(&db, &meeting, out.as_deref(), cat),
        Some(Command::Demo { calloffs }) => demo::run(&db, cat, calloffs),
        Some(Command::Minutes { meeting }) => export::open_minutes(&db, &meeting, cat),
        Some(Command::Backup { dest }) => ops::backup(&db, dest.as_deref(), cat),
        Some(Command::Check) => ops::check(&db, cat),
        Some(Command::Audit(args::Audit::Verify)) => ops::audit_verify(&db, cat),
    }
}

/// Asks on the terminal before the interface creates a database the user named (a typo
/// in --db would otherwise open an empty register); without a terminal to ask on, no.
fn confirm_new_database(db: &Path, cat: &Catalog) -> Result<bool, String> {
    use std::io::{BufRead, IsTerminal, Write};
    if !std::io::stdin().is_terminal() {
        return Ok(false);
    }
    let mut err = std::io::stderr();
    let _ = write!(
        err,
        "{} ",
        tr!(cat, "cli.error.create_database", path = db.display())
    );
    let _ = err.flush();
    let mut answer = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(|e| tr!(cat, "cli.error.terminal", detail = e))?;
    let answer = answer.trim().to_lowercase();
    Ok(["j", "ja", "y", "yes"].contains(&answer.as_str()))
}

/// `--db`/`AVTAL_DB`, or `avtal.redb` in the platform data directory.
fn database_path(given: Option<PathBuf>, cat: &Catalog) -> Result<PathBuf, String> {
    if let Some(path) = given.filter(|p| !p.as_os_str().is_empty()) {
        return Ok(path);
    }
    directories::ProjectDirs::from("", "", "avtal")
        .map(|dirs| dirs.data_dir().join("avtal.redb"))
        .ok_or_else(|| tr!(cat, "cli.error.no_data_dir").to_string())
}

fn open_store(path: &Path, cat: &Catalog) -> Result<Store, String> {
    let store = Store::open(path).map_err(|e| e.message(cat))?;
    if store.is_read_only() {
        // Said on stderr, so what a script reads on stdout is the same as ever.
        eprint_line(&tr!(cat, "cli.note.read_only", path = path.display()));
    }
    Ok(store)
}

/// Help and version go to stdout with status 0; real usage errors get a localized
/// headline above clap's own (English) explanation.
fn usage_error(e: clap::Error, argv: &[OsString]) -> i32 {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            // If even stdout is gone there is no one left to tell.
            let _ = e.print();
            0
        }
        _ => {
            let cat = Catalog::get(lang_hint(argv));
            let detail = e.render().to_string();
            eprint_line(&format!(
                "{}\n{}",
                tr!(cat, "cli.error.usage"),
                detail.trim_end()
            ));
            EXIT_USAGE
        }
    }
}

/// The language asked for, read without clap (whose parse just failed).
fn lang_hint(argv: &[OsString]) -> Lang {
    let mut from_args = None;
    let mut it = argv.iter().filter_map(|a| a.to_str());
    while let Some(arg) = it.next() {
        if arg == "--lang" {
            from_args = it.next().map(str::to_string);
        } else if let Some(value) = arg.strip_prefix("--lang=") {
            from_args = Some(value.to_string());
        }
    }
    from_args
        .or_else(|| std::env::var("AVTAL_LANG").ok())
        .and_then(|l| Lang::parse(&l))
        .unwrap_or_default()
}

/// Writes to stdout; a reader that went away (`avtal list | head`) is not an error.
fn print_out(text: &str, cat: &Catalog) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(tr!(cat, "cli.error.output", detail = e)),
    }
}

/// Writes one line to stderr; if stderr itself fails there is nowhere left to report it.
fn eprint_line(text: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}
