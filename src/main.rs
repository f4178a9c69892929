//! The `leakscope` binary: the CLI on native targets, the page's entry point on wasm32.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    leakscope::cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {
    leakscope::web::start();
}
