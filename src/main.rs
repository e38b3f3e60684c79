//! The `kzinvite` binary: everything lives in the library.

/// mimalloc: Typst and the PDF writer allocate and free many short-lived buffers from
/// several threads, where glibc's allocator spends much time (arena growth, page faults).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    kzinvite::main_with_args(std::env::args_os())
}
