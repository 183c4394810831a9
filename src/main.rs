//! `annals`: open a dataset in a window, or check and list it from the command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use annals::cli;

#[derive(Parser)]
#[command(
    name = "annals",
    // The package version and, when the build knew it, the commit: "0.1.0 (09a5e0f)".
    version = env!("ANNALS_VERSION"),
    about = "Browse, present and curate a history of events"
)]
#[command(args_conflicts_with_subcommands = true)]
struct Args {
    /// Dataset folder to open (default: the one open last time, else the bundled dataset).
    path: Option<PathBuf>,
    /// Print the path of the dataset opened by default, and exit. Installed, that is the
    /// user's copy of the bundled dataset, written on first use.
    #[arg(long)]
    print_dataset_path: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Open a dataset in the timeline window.
    Open {
        /// Dataset folder (default: the bundled dataset).
        path: Option<PathBuf>,
    },
    /// Validate a dataset and print compiler-style diagnostics. Exit code 0 clean, 1 errors,
    /// 2 a wrong command line (the same for every command).
    Check {
        /// Dataset folder, or a file in it.
        path: PathBuf,
        /// Treat warnings as errors (exit code 1).
        #[arg(long)]
        deny_warnings: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = cli::CheckFormat::Text)]
        format: cli::CheckFormat,
    },
    /// Rewrite the event files in the canonical layout, keeping comments.
    Fmt {
        /// Dataset folder, or a file in it.
        path: PathBuf,
        /// Only report files that are not in the canonical layout (exit code 1 if any).
        #[arg(long)]
        check: bool,
    },
    /// Export the events (or one storyline's) as a picture, SVG, a PDF (handout, poster or
    /// deck), a handout, TimelineJS or iCalendar.
    Export {
        /// Dataset folder, or a file in it.
        path: PathBuf,
        #[arg(long, value_enum)]
        format: cli::ExportFormat,
        /// Name of a storyline in briefings/ (its file name without .ron, or its title).
        #[arg(long)]
        storyline: Option<String>,
        /// File to write (standard output for text if left out); for pictures of a storyline,
        /// a folder.
        #[arg(long, short)]
        out: Option<PathBuf>,
        /// Size of pictures in pixels (of an SVG, in points).
        #[arg(long, default_value = "1920x1080", value_parser = cli::parse_size)]
        size: (u32, u32),
        /// Which PDF: a handout, a poster of the timeline, or a deck (one page per step).
        #[arg(long, value_enum, default_value_t = cli::PdfKind::Handout)]
        pdf: cli::PdfKind,
        /// Page size of a PDF: A4, Letter, A3, A2, A1 or WxH in mm (default: A4 for a
        /// handout, A3 for a poster; a deck is 16:9).
        #[arg(long)]
        page: Option<String>,
        /// Orientation of a PDF's pages (default: portrait for a handout, landscape for a
        /// poster).
        #[arg(long, value_enum)]
        orientation: Option<cli::Orientation>,
        /// Margins of a PDF's pages, in mm.
        #[arg(long, default_value_t = 15.0)]
        margin: f32,
        /// A poster across several pages, COLSxROWS (with crop marks).
        #[arg(long, default_value = "1x1")]
        tiles: String,
        /// A deck's presenter notes, on a page after each step that has some.
        #[arg(long)]
        notes: bool,
        /// Language of the export's own words (headings, labels, page numbers) and of
        /// names: handouts, pictures, slides and PDFs.
        #[arg(long, value_enum, default_value_t = cli::ExportLanguage::En)]
        lang: cli::ExportLanguage,
    },
    /// Import events from another tool into a new dataset folder.
    Import {
        #[command(subcommand)]
        from: ImportFrom,
    },
    /// Print the events in chronological order, one a line; with a search or filters, the
    /// events the window would show for them.
    List {
        /// Dataset folder, or a file in it (default: the bundled dataset).
        path: Option<PathBuf>,
        /// Only events matching this search, as the window's search box matches it (words at
        /// the start of a word, "a phrase" as written, Chinese anywhere; every language).
        #[arg(long)]
        search: Option<String>,
        /// Only events of this category (its id in the manifest); may be repeated.
        #[arg(long = "category")]
        categories: Vec<String>,
        /// Only events with this person (their id in the manifest); may be repeated.
        #[arg(long = "participant")]
        participants: Vec<String>,
        /// Print the dates and titles in this language (a title missing in it in the
        /// dataset's own language, marked).
        #[arg(long, value_enum)]
        lang: Option<cli::ExportLanguage>,
    },
    /// List every text a reader sees that lacks a language, as file:line:col with the text in
    /// the dataset's own language. Exit code 0 when every text is translated, 1 when some are
    /// not (or the dataset cannot be read).
    Translations {
        /// Dataset folder, or a file in it.
        path: PathBuf,
        /// Only texts lacking this language (default: any of en, zh, ru).
        #[arg(long, value_enum)]
        lang: Option<cli::ExportLanguage>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = cli::CheckFormat::Text)]
        format: cli::CheckFormat,
    },
    /// Write a synthetic, valid dataset (for benchmarks and stress tests).
    Generate {
        /// How many events.
        #[arg(long)]
        events: usize,
        /// Seed of the random generator: the same seed gives the same files.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Folder to write (created if missing).
        out_dir: PathBuf,
    },
    #[command(flatten)]
    Team(Team),
}

#[derive(Subcommand)]
enum Team {
    /// Merge three versions of a dataset file record by record (git's merge driver: see
    /// `git-setup`). Writes the result over OURS; exit code 0 clean, 1 conflicts.
    MergeFile {
        base: PathBuf,
        ours: PathBuf,
        theirs: PathBuf,
        /// The file's name in the repository, for messages.
        #[arg(long)]
        path: Option<String>,
    },
    /// Make git merge the dataset's .ron files with `merge-file` (.gitattributes and the
    /// local git configuration).
    GitSetup {
        /// Dataset folder in a git repository (default: the current folder).
        dir: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum ImportFrom {
    /// A TimelineJS JSON file, or the CSV of its spreadsheet template.
    Timelinejs {
        file: PathBuf,
        /// New (or empty) folder to create the dataset in.
        out_dir: PathBuf,
    },
}

fn main() -> ExitCode {
    let args = Args::parse();
    let result = match args.command {
        None if args.print_dataset_path => {
            cli::print_dataset_path(&mut std::io::stdout().lock(), &mut std::io::stderr().lock())
        }
        Some(Command::Check {
            path,
            deny_warnings,
            format,
        }) => cli::check_as(&path, deny_warnings, format, &mut std::io::stdout().lock()),
        Some(Command::Export {
            path,
            format,
            storyline,
            out,
            size,
            pdf,
            page,
            orientation,
            margin,
            tiles,
            notes,
            lang,
        }) => match cli::pdf_options(pdf, page.as_deref(), orientation, margin, &tiles, notes) {
            Ok(pdf) => cli::export_with(
                &path,
                format,
                storyline.as_deref(),
                out.as_deref(),
                &cli::ExportOptions {
                    size,
                    pdf,
                    language: lang.into(),
                },
                &mut std::io::stdout().lock(),
            ),
            Err(message) => {
                eprintln!("annals: {message}");
                Ok(cli::EXIT_USAGE)
            }
        },
        Some(Command::Import {
            from: ImportFrom::Timelinejs { file, out_dir },
        }) => cli::import_timelinejs(&file, &out_dir, &mut std::io::stdout().lock()),
        Some(Command::Translations { path, lang, format }) => cli::translations_report(
            &path,
            lang.map(Into::into),
            format,
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        ),
        Some(Command::Fmt { path, check }) => cli::fmt(&path, check, &mut std::io::stdout().lock()),
        Some(Command::List {
            path,
            search,
            categories,
            participants,
            lang,
        }) => match path.map_or_else(cli::default_dataset_path, Ok) {
            Ok(path) => cli::list_with(
                &path,
                &cli::ListOptions {
                    search,
                    categories,
                    participants,
                    language: lang.map(Into::into),
                },
                &mut std::io::stdout().lock(),
                &mut std::io::stderr().lock(),
            ),
            Err(message) => {
                eprintln!("annals: {message}");
                Ok(cli::EXIT_FAILED)
            }
        },
        Some(Command::Generate {
            events,
            seed,
            out_dir,
        }) => annals::generate::generate(
            &out_dir,
            &annals::generate::GenerateOptions::new(events, seed),
        )
        .map(|()| {
            println!("{}: {events} events (seed {seed})", out_dir.display());
            0
        }),
        Some(Command::Team(Team::MergeFile {
            base,
            ours,
            theirs,
            path,
        })) => cli::team::merge_file(
            &base,
            &ours,
            &theirs,
            path.as_deref(),
            &mut std::io::stderr().lock(),
        ),
        Some(Command::Team(Team::GitSetup { dir })) => cli::team::git_setup(
            dir.as_deref().unwrap_or(std::path::Path::new(".")),
            &mut std::io::stdout().lock(),
        ),
        Some(Command::Open { path }) => return open(path.or(args.path)),
        None => return open(args.path),
    };
    // One scheme for every command (README, "Command line"): 0 done, 1 failed (errors in the
    // dataset, a check that found something, a file that could not be read or written),
    // 2 a command line that is wrong (clap exits with 2 itself).
    match result {
        Ok(code) => ExitCode::from(code as u8),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("annals: {e}");
            ExitCode::from(cli::EXIT_FAILED as u8)
        }
    }
}

fn open(path: Option<PathBuf>) -> ExitCode {
    match annals::ui::run_native(path) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("annals: could not open a window: {e}");
            ExitCode::from(cli::EXIT_FAILED as u8)
        }
    }
}
