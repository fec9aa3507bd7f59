//! The Birgemiz server: configuration → database → router → serve.

/// Rendering a page nests deeply; a debug build's frames overflow tokio's default 2 MB stacks.
#[cfg(feature = "ssr")]
const THREAD_STACK_BYTES: usize = 8 * 1024 * 1024;

#[cfg(feature = "ssr")]
fn main() -> std::process::ExitCode {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().thread_stack_size(THREAD_STACK_BYTES).build();
    let runtime = match runtime {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("birgemiz: cannot start the runtime: {error}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(birgemiz::wiring::run::main(std::env::args().skip(1).collect())) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("birgemiz: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(not(feature = "ssr"))]
pub fn main() {
    // The browser build has no server entry point; see `lib.rs` for `hydrate`.
}
