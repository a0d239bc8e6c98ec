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

    /// Reports computed from the register: KPIs, ranking deviations, penalties.
    #[command(subcommand)]
    Report(Report),

    /// Export documents to share: the minutes of a meeting.
    #[command(subcommand)]
    Export(Export),

    /// Open the application straight in a meeting's minutes editor (e.g. `avtal minutes M-0007`).
    #[command(
        long_about = "Open the application straight in the minutes editor of a meeting, so a \
            secretary can start typing in one command. The minutes are saved while typing \
            (at most about a second is at risk), when leaving the editor, on quit, SIGTERM \
            and SIGHUP. Ctrl-T turns the current line into an action item, Ctrl-G into a \
            decision, Ctrl-L marks it as a lesson; Esc saves and closes.\n\n\
            The meeting id is written as shown by `avtal list meetings`: M-0007, m-7 or 7."
    )]
    Minutes {
        /// The meeting's id, e.g. M-0007.
        meeting: String,
    },

    /// Fill the database with a realistic demo register (13 agreements, dated from today).
    #[command(
        long_about = "Fill the database with a realistic demo register: one fully worked \
            IT-consulting agreement (lots, ranked suppliers, penalties, escalation model, \
            extension options) and twelve smaller agreements of other kinds, with dates \
            relative to today.\n\n\
            The IT-consulting agreement also gets call-offs with their requests \
            (--calloffs, default 400): mostly by the ranking, with skipped suppliers, \
            offers passed over, renewed competitions and answers still awaited.\n\n\
            It also gets its meetings (held ones with minutes, decisions and actions, the \
            next ones planned with the open actions carried to the agenda), the \
            implementation checklist and a follow-up plan; the staffing agreement gets a \
            couple of meetings.\n\n\
            Running it again does not duplicate anything: agreements and call-offs are \
            matched by reference and overwritten; meetings, the checklist and the \
            follow-up plan are added only to an agreement that has none yet, so what was \
            done with them since is kept."
    )]
    Demo {
        /// How many call-offs to generate for the IT-consulting agreement.
        #[arg(long, default_value_t = crate::app::demo::DEMO_CALLOFFS)]
        calloffs: usize,
    },

    /// Make a consistent copy of the database, from one read transaction, into a new file.
    #[command(long_about = BACKUP_HELP)]
    Backup {
        /// A new file, or a directory to put avtal-YYYY-MM-DD-HHMM.redb in.
        #[arg(value_name = "DEST")]
        dest: Option<PathBuf>,
    },

    /// Verify the file, the schema version, the audit chain and the records against it.
    #[command(long_about = CHECK_HELP)]
    Check,

    /// The audit log (who changed what, chained by hash).
    #[command(subcommand)]
    Audit(Audit),
}

#[derive(Debug, Subcommand)]
pub enum Audit {
    /// Walk the audit log's hash chain; exit 0 when it is intact, 1 when it is broken.
    #[command(
        long_about = "Walk the audit log's hash chain: every entry's hash must be the hash \
            of its fields and of the entry before it. Prints the number of entries when the \
            chain is intact (exit 0); names the first entry that does not hold when it is \
            broken (exit 1). `avtal check` does this and more."
    )]
    Verify,
}

const BACKUP_HELP: &str = "Make a consistent copy of the database, from one read \
    transaction, into a new redb file (mode 0600) that avtal opens like any database \
    (avtal --db COPY). Every table is copied, with the schema version and the audit log.\n\n\
    DEST is a new file, or an existing directory: the copy is then named \
    avtal-YYYY-MM-DD-HHMM.redb inside it. Without DEST the copy goes to avtal-backups/ \
    beside the database, as Ctrl-B does in the interface. A backup never overwrites a \
    file: an existing DEST is refused. On failure (no room, no permission) the incomplete \
    copy is removed and the exit status is 1.\n\n\
    The interface also makes a daily copy, avtal-backups/avtal-YYYY-MM-DD.redb, the first \
    time it starts on a day, and keeps the newest seven daily copies. Copies made on \
    request are never deleted by avtal.";

const CHECK_HELP: &str = "Verify the database: redb's integrity check of the file, every \
    row of every table read, the schema version, the audit log's hash chain, and every \
    agreement against the latest audit entry for it (a record changed behind the log's \
    back shows). Prints a report; exit 0 when all is well, 1 otherwise.";

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

    /// Import call-offs from a CSV file or a workbook (DESIGN §6).
    #[command(long_about = CSV_CALLOFFS_HELP)]
    Calloffs {
        /// The call-offs file (CSV or .xlsx).
        #[arg(value_name = "FILE.csv")]
        file: PathBuf,
    },

    /// Import the requests sent to suppliers, with their answers, from a CSV file or a
    /// workbook (DESIGN §6).
    #[command(long_about = CSV_REQUESTS_HELP)]
    Requests {
        /// The requests file (CSV or .xlsx).
        #[arg(value_name = "FILE.csv")]
        file: PathBuf,
    },

    /// Import the statistics suppliers report, month by month, from a CSV file or a
    /// workbook (DESIGN §6).
    #[command(long_about = CSV_SUPPLIER_STATS_HELP)]
    SupplierStats {
        /// The supplier-stats file (CSV or .xlsx).
        #[arg(value_name = "FILE.csv")]
        file: PathBuf,
    },

    /// Import invoices: Peppol BIS 3 files and accounts-payable extracts, or folders of them.
    #[command(long_about = INVOICES_HELP)]
    Invoices {
        /// Files or folders: Peppol BIS Billing 3 XML (any name), accounts-payable CSV.
        #[arg(value_name = "PATH", required = true)]
        paths: Vec<PathBuf>,
    },
}

const INVOICES_HELP: &str = "Import invoices (DESIGN §1.12, §6): Peppol BIS Billing 3 \
    documents (UBL 2.1 Invoice or CreditNote, recognised by their content whatever the \
    file name; only SEK) and accounts-payable extracts, from files or folders of them (a \
    folder's files and sub-folders, passing over names that start with a dot).\n\n\
    Accounts payable: one row per posting, columns invoice, date, supplier, supplier_name, \
    account, amount_sek (kronor excl. VAT, negative for a credit) and optionally contract \
    and order; same file rules as `import calloffs`. Rows are keyed by supplier, invoice \
    and account, documents by supplier and invoice, so importing a file again replaces \
    what it held. Where a ledger row and a document share supplier and invoice they are \
    one invoice: the ledger gives amounts and accounts, the document its references and \
    the lines audited against the agreed prices.\n\n\
    All or nothing: every file is read and checked first, and every problem is listed by \
    file and line.";

const CSV_SUPPLIER_STATS_HELP: &str = "Import supplier-reported statistics from a CSV file \
    (DESIGN §6).\n\n\
    Columns (by header name, in any order): agreement, supplier, month (YYYY-MM), requests, \
    answered_in_time, consultants, replaced_due_to_complaint, sick_hours, scheduled_hours. \
    Same file rules as `import calloffs` (a workbook's sheet supplier-stats or \
    supplier_stats, a month cell as a date on the first of the month); every cell is \
    required. Counts are whole numbers \
    from 0; hours take a decimal comma or point and at most two decimals. answered_in_time \
    may not exceed requests, nor sick_hours scheduled_hours. The agreement must be in the \
    register and the supplier one of its suppliers.\n\n\
    A month is identified by agreement, supplier and month: given twice in one file it is \
    refused, already in the database it is replaced, so a corrected report is simply \
    imported again. All or nothing, every problem listed with its line and column.";

const CSV_CALLOFFS_HELP: &str = "Import call-offs from a CSV file (DESIGN §6).\n\n\
    Columns (by header name, in any order): reference, agreement, lot, orderer, \
    method (ranking|competition), requested_at, awarded_supplier, value_sek, delivery_due, \
    delivered_at, consultants, replaced_due_to_complaint, quality, deviation_reason.\n\n\
    CSV in UTF-8 (a BOM is accepted), UTF-16 with a BOM (Excel's \"Unicode text\") or \
    Windows-1252 when the bytes are not UTF-8 (Excel's \"CSV\" on Windows); comma, \
    semicolon or tab separator, detected from the header row. Or a workbook (.xlsx; .xls, \
    .xlsb and .ods too): the sheet named calloffs (requests, supplier-stats) if there is \
    one, else the first; date and number cells as Excel stores them, an organisation \
    number typed as a number back to its ten digits; problems name the sheet and its \
    row. The summary says how the file was read. Dates YYYY-MM-DD, times YYYY-MM-DD HH:MM; value_sek in kronor with a decimal comma or \
    point (quote a decimal comma in a comma-separated file); organisation numbers with or \
    without the hyphen. Lines that are empty, or hold nothing but separators, are \
    skipped. reference, agreement, lot, method and requested_at are required; \
    the other cells may be empty (consultants and replaced_due_to_complaint then count 0). \
    The agreement must be in the register, the lot in the agreement and the awarded \
    supplier a supplier of the agreement (it need not be ranked in the lot: that is the \
    not_in_lot deviation). quality is 1-5.\n\n\
    Every problem is listed with its line and column and nothing is saved unless every row \
    is valid. A call-off is identified by its agreement and its reference: two agreements \
    may both have an AV-0001, and a row never moves a call-off from one agreement to \
    another. A reference given twice for the same agreement in the file is refused; one \
    already in the database under that agreement is updated in place, so importing the \
    same file again adds nothing.";

const CSV_REQUESTS_HELP: &str = "Import requests from a CSV file (DESIGN §6).\n\n\
    Columns (by header name, in any order): calloff, supplier, sent_at, answered_at, \
    answer (offer|decline|empty), and optionally agreement (the agreement's reference). \
    Same file rules as `import calloffs`.\n\n\
    The call-off must already be in the database (import the call-offs first) and the \
    supplier must be a supplier of its agreement. Where agreements number their call-offs \
    alike, a reference held by more than one agreement needs the agreement column: without \
    it the row is refused, naming the agreements it could belong to. answer and answered_at are both given \
    or both empty, and an answer cannot come before the request was sent.\n\n\
    A request is the same request when it goes to the same supplier for the same call-off \
    at the same minute: given twice in one file it is refused, already in the database it \
    is updated, so importing the same file again adds nothing. All or nothing, every \
    problem listed with its line and column.";

const SPEND_HELP: &str = "Spend against an agreement (DESIGN §4): the postings of the \
    agreement in the period, per supplier of the agreement; the cumulative spend up to \
    --as-of against the maximum value (max_value_sek); everything booked on the \
    agreement's accounts in the period and the share of it that went through the agreement \
    (agreement compliance); and the suppliers outside the agreement on its accounts, \
    largest first.\n\n\
    A posting belongs to an agreement by its contract reference, else by the order \
    reference of one of its call-offs, else by supplier, date and booking account.\n\n\
    json: {agreement, from, to, as_of, spend_ore, suppliers [{org_number, name, \
    spend_ore}], cumulative_ore, max_value_ore, ceiling_used_share, accounts_spend_ore, \
    compliance_share, outside [{org_number, name, spend_ore}]}; shares in 0..1, null \
    where there is nothing to divide by. csv: key, org_number, name, value rows. xlsx: \
    sheets Spend, Suppliers and Outside (with --out). table: for reading.";

const PRICE_AUDIT_HELP: &str = "Invoice lines above the agreed price (DESIGN §4): every \
    line of a Peppol invoice with a posting of the agreement (credit notes aside), \
    matched to the supplier's rows of the price list by the seller's item id (else the \
    item name) and the unit code, the row valid on the invoice date applying. A line is \
    listed when its unit price (PriceAmount / BaseQuantity) is above the agreed price; \
    the overcharge is (unit price - agreed) x quantity, rounded half up to öre once.\n\n\
    json: a list of {invoice, supplier, line, item, quantity, unit_price_ore, agreed_ore, \
    overcharge_ore} by invoice date, invoice and line. --from/--to limit the invoice \
    dates. csv, xlsx (with --out) and table as for `report spend`.";

#[derive(Debug, Subcommand)]
pub enum Report {
    /// Ranking deviations of an agreement's call-offs (DESIGN §4).
    #[command(
        long_about = "Ranking deviations of an agreement's call-offs (DESIGN §4): one entry per \
            call-off by ranking that has an award and at least one deviation, sorted by \
            call-off reference. Compliant call-offs, renewed competitions and call-offs not \
            yet awarded are not listed.\n\n\
            json: a list of {calloff, kinds, suppliers, motivated}; kinds are not_asked, \
            offer_passed_over and not_in_lot; suppliers are the organisation numbers the \
            kinds are about, written NNNNNN-NNNN. A motivated deviation (one with a \
            deviation_reason) is still a deviation.\n\n\
            --all adds the deviations registered by hand (late_delivery, quality, other) and \
            gives every entry five more keys: source (ranking|manual), id (of a deviation \
            registered by hand, else null), status (open|in_progress|closed, or null), \
            registered (YYYY-MM-DD, or null) and description (the reason documented for a \
            ranking deviation, the description of one registered by hand). calloff is null \
            for a deviation registered by hand that names no call-off, and motivated is false \
            for those. Entries are sorted by call-off (those with none last), ranking before \
            manual, then by date registered.\n\n\
            csv: the same keys as columns under a header row, lists joined with | and empty \
            cells for null. xlsx (needs --out FILE): a workbook with a sheet Deviations, the \
            same keys as its header row, lists joined with \", \", motivated as TRUE/FALSE, \
            registered as a date cell and id as a number. table (the default): for reading, \
            in the chosen language. --out FILE writes any format to FILE."
    )]
    Deviations {
        /// The agreement's reference (diarienummer).
        #[arg(long, value_name = "REF")]
        agreement: String,
        /// Also list the deviations registered by hand.
        #[arg(long)]
        all: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Write to this file instead of the screen (required for xlsx).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },

    /// Key figures per supplier for a period (DESIGN §5).
    #[command(long_about = KPI_HELP)]
    Kpi {
        /// The agreement's reference (diarienummer).
        #[arg(long, value_name = "REF")]
        agreement: String,
        /// First day of the period (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        from: String,
        /// Last day of the period (YYYY-MM-DD), included.
        #[arg(long, value_name = "DATE")]
        to: String,
        /// The moment deadlines are judged at ("YYYY-MM-DD HH:MM").
        #[arg(long, value_name = "DATE HH:MM")]
        as_of: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = KpiFormat::Table)]
        format: KpiFormat,
        /// Write the report to this file instead of the screen (required for xlsx).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },

    /// Spend against an agreement, its maximum value and agreement compliance (DESIGN §4).
    #[command(long_about = SPEND_HELP)]
    Spend {
        /// The agreement's reference (diarienummer).
        #[arg(long, value_name = "REF")]
        agreement: String,
        /// First day of the period (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        from: String,
        /// Last day of the period (YYYY-MM-DD), included.
        #[arg(long, value_name = "DATE")]
        to: String,
        /// The day the cumulative spend is counted to (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        as_of: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = KpiFormat::Table)]
        format: KpiFormat,
        /// Write the report to this file instead of the screen (required for xlsx).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },

    /// Invoice lines above the agreed price (DESIGN §4).
    #[command(long_about = PRICE_AUDIT_HELP)]
    PriceAudit {
        /// The agreement's reference (diarienummer).
        #[arg(long, value_name = "REF")]
        agreement: String,
        /// First invoice date (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Last invoice date (YYYY-MM-DD), included.
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = KpiFormat::Table)]
        format: KpiFormat,
        /// Write the report to this file instead of the screen (required for xlsx).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },

    /// Penalties for late delivery at a date (DESIGN §4).
    #[command(long_about = PENALTIES_HELP)]
    Penalties {
        /// The agreement's reference (diarienummer).
        #[arg(long, value_name = "REF")]
        agreement: String,
        /// The date penalties are computed at (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        as_of: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Write to this file instead of the screen (required for xlsx).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

const KPI_HELP: &str = "Key figures (KPIs) of an agreement per supplier (DESIGN §5).\n\n\
    Requests count by the date they were sent, call-offs by the date they were requested, \
    both within --from..=--to (inclusive). --as-of \"YYYY-MM-DD HH:MM\" decides only whether a \
    request's deadline has passed (pending or not answered in time); everything recorded \
    counts. sick_leave_share comes from the suppliers' own reports (import supplier-stats), \
    over the months whose first day lies in the period.\n\n\
    json: {agreement, from, to, as_of, ranking: {ranking_calloffs, compliant, deviations, \
    compliance_share}, suppliers: [{org_number, name, requests, answered_in_time, \
    not_answered_in_time, pending, answered_in_time_share, awarded, delivered, on_time, \
    consultants, replaced_due_to_complaint, replaced_share, sick_leave_share, quality_mean}]} \
    with every supplier of the agreement, in the agreement's order. Shares are numbers in \
    0..=1, not rounded; null where a share is 0/0 or nothing was reported or rated.\n\n\
    csv: one row per supplier with those keys as the header (the ranking figures are in the \
    json, table and xlsx forms). xlsx: a spreadsheet with a KPI sheet (one row per \
    supplier) and a Ranking sheet; it needs --out. table (the default): for reading. \
    --out FILE writes any format to FILE instead of the screen.";

const PENALTIES_HELP: &str = "Penalties (viten) for late delivery (DESIGN §4).\n\n\
    Every call-off of the agreement whose penalty is above zero at --as-of (a date), sorted \
    by call-off reference. A call-off delivered after its due date runs to its delivery \
    date; one not delivered by the as-of date (a delivery recorded for a later day had not happened yet) runs to the as-of date. The agreement's first late_delivery \
    term applies: per_day, per_started_week (ceil(days / 7)) or per_working_day; the \
    amount is min(units × rate, cap), exact and rounded half up to whole öre once. A \
    percentage of a call-off with no value is a percentage of 0 kr.\n\n\
    json: a list of {calloff, supplier (the awarded supplier, NNNNNN-NNNN), delay_days, \
    units, amount_ore}; csv: the same keys as columns; xlsx (needs --out FILE): a workbook \
    with a sheet Penalties, the same keys as its header row and numbers as numbers, plus \
    amount_sek (the amount in kronor, two decimals); table (the default): for reading, \
    amounts in kronor. --out FILE writes any format to FILE.";

#[derive(Debug, Subcommand)]
pub enum List {
    /// List the agreements of the register, sorted by reference.
    #[command(
        long_about = "List the agreements of the register, sorted by reference.\n\n\
            json: a list of {reference, name, start, end} with dates as YYYY-MM-DD; \
            csv: the same columns under a header row; xlsx (needs --out FILE): a workbook \
            with a sheet Agreements, the keys as its header row and dates as date cells; \
            table: for reading."
    )]
    Agreements {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Write to this file instead of the screen (required for xlsx).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },

    /// List the meetings, sorted by date then id.
    #[command(
        long_about = "List the meetings of every agreement, or of one with --agreement, \
            sorted by date then id.\n\n\
            json: a list of {id, agreement, supplier, kind, date, status}: id as M-0007, \
            agreement as its reference, supplier as an organisation number NNNNNN-NNNN \
            (null for internal meetings and contract days), kind one of internal_contract, \
            supplier_start, collaboration, annual_contract, contract_day, date YYYY-MM-DD, \
            status one of planned, held, minutes_approved. csv: the same columns under a \
            header row, empty cells for null. xlsx (needs --out FILE): a workbook with a \
            sheet Meetings, the keys as its header row and date as a date cell. table: for \
            reading, in the chosen language."
    )]
    Meetings {
        /// Only this agreement's meetings (its reference, diarienummer).
        #[arg(long, value_name = "REF")]
        agreement: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Write to this file instead of the screen (required for xlsx).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },

    /// List the action items of the meetings, sorted by due date (none last) then id.
    #[command(
        long_about = "List the action items noted at the meetings of every agreement, or \
            of one with --agreement, sorted by due date (those with none last) then id.\n\n\
            json: a list of {id, meeting, text, owner, side, due, status}: id as A-0012, \
            meeting as M-0007, side buyer or supplier, due YYYY-MM-DD or null, status one \
            of open, done, cancelled. csv: the same columns under a header row, an empty \
            cell for null. xlsx (needs --out FILE): a workbook with a sheet Actions, the keys \
            as its header row and due as a date cell. table: for reading, in the chosen \
            language."
    )]
    Actions {
        /// Only this agreement's actions (its reference, diarienummer).
        #[arg(long, value_name = "REF")]
        agreement: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Write to this file instead of the screen (required for xlsx).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum Export {
    /// The minutes of a meeting as Markdown, ready to send to the supplier.
    #[command(
        long_about = "The minutes of a meeting as Markdown, ready to send to the supplier: \
            the meeting's facts, attendees by side, the agenda (points carried over from \
            earlier meetings marked with where they came from, a point the user numbered \
            kept as numbered), the minutes with their lines and paragraphs as written, any \
            addenda after approval under their dates, decisions and the meeting's \
            actions. Headings and names are the words of the screen, in the chosen \
            language (--lang). Lines marked as lessons are not marked in the export: \
            they are the buyer's notes.\n\n\
            MEETING_ID as listed (M-0007), or shorter: m-7, M7 or 7. Printed to stdout \
            unless --out names a file; a file that exists is never replaced: the export \
            goes to NAME-2.md (then -3, ...) beside it, and the message names the file."
    )]
    Minutes {
        /// The meeting: M-0007, m-7 or 7.
        #[arg(value_name = "MEETING_ID")]
        meeting: String,
        /// Document format; Markdown is the only one.
        #[arg(long, value_enum, default_value_t = DocFormat::Md)]
        format: DocFormat,
        /// Write to this file instead of stdout (if it exists, to FILE-2.md beside it).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

/// Formats of an exported document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DocFormat {
    Md,
}

/// The formats of `report deviations|penalties` and `list`: xlsx is a workbook of one
/// sheet (the JSON keys as its header row, numbers as numbers, dates as dates) and needs
/// --out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Json,
    Csv,
    Table,
    Xlsx,
}

/// `report kpi` also writes a spreadsheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KpiFormat {
    Json,
    Csv,
    Table,
    Xlsx,
}
