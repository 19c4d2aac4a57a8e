//! Build script: rebuild when the rule files change, since they are compiled into the binary.

fn main() {
    println!("cargo::rerun-if-changed=rules");
}
