//! The `kzinvite` binary: everything lives in the library.

fn main() -> std::process::ExitCode {
    kzinvite::main_with_args(std::env::args_os())
}
