//! The Storyscope web app's entry point. The app itself lives in the
//! library (`src/lib.rs`) so that browser tests can reach its parts.

#[cfg(target_arch = "wasm32")]
fn main() {
    storyscope_web::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("storyscope-web runs in the browser: build it with `trunk build --release` or run `./x serve`.");
    std::process::exit(2);
}
