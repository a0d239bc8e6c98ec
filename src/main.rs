//! The `avtal` binary: everything is in the library, so that tests can drive it.
fn main() {
    std::process::exit(avtal::cli::main())
}
