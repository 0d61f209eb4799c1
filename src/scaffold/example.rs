//! The acme-lending example, embedded whole for `aims init --example`. `build.rs` asks cargo to
//! rebuild when a file of the example changes, so the embedded copy cannot go stale.

use include_dir::{Dir, DirEntry, include_dir};

static EXAMPLE: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/examples/acme-lending");

/// Every file of the example: `(path relative to the example, bytes)`, sorted by path.
pub fn example_files() -> Vec<(String, &'static [u8])> {
    fn walk(dir: &'static Dir<'static>, out: &mut Vec<(String, &'static [u8])>) {
        for entry in dir.entries() {
            match entry {
                DirEntry::Dir(sub) => walk(sub, out),
                DirEntry::File(file) => out.push((
                    file.path().to_string_lossy().replace('\\', "/"),
                    file.contents(),
                )),
            }
        }
    }
    let mut files = Vec::new();
    walk(&EXAMPLE, &mut files);
    files.sort();
    files
}
