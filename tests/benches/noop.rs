//! The no-op process the whole-process benchmark compares with: a hello-world Rust binary,
//! compiled by the benchmark with `rustc -C opt-level=3`.

fn main() {
    println!("Hello, world!");
}
