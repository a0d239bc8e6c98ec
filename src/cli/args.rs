//! The command line's shape (clap derive). Help texts are clap's and stay English;
//! errors and output are localized by the caller.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "avtal",
    version,
    about = "Contract management for Swedish public-sector framework agreements (ramavtal).",
    long_about = "Contract management for Swedish public-sector framework agreements (ramavtal).\n\n\
        Without a subcommand, avtal opens the terminal interface on the database. \
        The subcommands are for scripting: each prints a clear error and exits non-zero \
        on bad input, and an import takes everything or nothing.",
    after_help = "Exit status: 0 on success, 1 when the input or the database is refused, \
        2 when the command line itself is wrong.\n\
        The default database is avtal.redb in the platform data directory \
        (e.g. ~/.local/share/avtal/avtal.redb)."
)]
pub struct Cli {
    /// Database file to use; created (mode 0600) when it does not exist.
    #[arg(long, global = true, env = "AVTAL_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Language of messages and output: sv (Swedish, the default) or en (English).
    #[arg(long, global = true, env = "AVTAL_LANG", value_name = "sv|en")]
    pub lang: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import data from a file: every part of it, or nothing.
    #[command(subcommand)]
    Import(Import),

    /// List what is in the register.
    #[command(subcommand)]
    List(List),

    /// Fill the database with a realistic demo register (13 agreements, dated from today).
    #[command(
        long_about = "Fill the database with a realistic demo register: one fully worked \
            IT-consulting agreement (lots, ranked suppliers, penalties, escalation model, \
            extension options) and twelve smaller agreements of other kinds, with dates \
            relative to today.\n\n\
            Running it again does not duplicate anything: agreements are matched by \
            reference and overwritten."
    )]
    Demo,
}

#[derive(Debug, Subcommand)]
pub enum Import {
    /// Import one agreement from a TOML file (DESIGN §6).
    #[command(
        long_about = "Import one agreement from a TOML file (DESIGN §6): reference, name, \
            start, end, response_time, priority, [[suppliers]], [[lots]] with rankings, \
            [[penalties]], and the register's optional fields (goal_picture, keywords, \
            calloff_routine, order_mailbox, notes, [[suppliers.contacts]], \
            [[extension_options]], [[order_templates]], [[escalation]], [[orderers]], \
            [[project_group]]).\n\n\
            Every problem is listed with its line number and nothing is saved unless the \
            whole file is valid. An agreement whose reference is already in the register \
            is updated in place (it keeps its id)."
    )]
    Agreement {
        /// The agreement file (TOML).
        #[arg(value_name = "FILE.toml")]
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum List {
    /// List the agreements of the register, sorted by reference.
    #[command(
        long_about = "List the agreements of the register, sorted by reference.\n\n\
            json: a list of {reference, name, start, end} with dates as YYYY-MM-DD; \
            csv: the same columns under a header row; table: for reading."
    )]
    Agreements {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Json,
    Csv,
    Table,
}
