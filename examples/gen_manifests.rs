//! Writes N realistic manifests (stage notification, placeholder scans) for benchmarks:
//! `cargo run --release --example gen_manifests -- N DIR [SPECIALISTS]`.
//! Validate or render them with `--today 2026-01-15`.

#[path = "../benches/support/manifests.rs"]
mod manifests;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(n), Some(dir)) = (
        args.first().and_then(|n| n.parse::<usize>().ok()),
        args.get(1).map(PathBuf::from),
    ) else {
        eprintln!("usage: gen_manifests N DIR [SPECIALISTS (default 20)]");
        return ExitCode::from(2);
    };
    let specialists = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(20);
    match manifests::write_all(&dir, n, specialists) {
        Ok(paths) => {
            eprintln!(
                "wrote {} manifests ({specialists} specialists each) to {} (use --today {})",
                paths.len(),
                dir.display(),
                manifests::TODAY
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
