// The example under examples/acme-lending is embedded in the binary (`aims init --example`);
// rebuild when any of its files changes.
fn main() {
    println!("cargo:rerun-if-changed=examples/acme-lending");
}
