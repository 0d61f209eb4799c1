//! Memory under hostile YAML: for random graphs of anchors and aliases, loading and checking a
//! repository never allocates more than a fixed multiple of the input's size (plus a constant
//! for the schemas and the run itself).
//!
//! A test binary of its own, because it counts every allocation of the process through a global
//! allocator and runs its cases one after another.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let pointer = unsafe { System.alloc(layout) };
        if !pointer.is_null() {
            let now = CURRENT.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        unsafe { System.dealloc(pointer, layout) };
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// xorshift64*: reproducible cases without a dependency.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A file of two records: a role whose responsibilities alias long anchored strings (valid, so
/// it is also typed), and a risk with a random graph of anchored lists and mappings under an
/// unknown field (a schema error, but the tree and its JSON copy are still built).
fn random_alias_file(random: &mut Random) -> String {
    let scalars = 1 + random.below(6) as usize;
    let mut text = String::from("kind: Role\nid: r\ntitle: t\nresponsibilities:\n");
    for s in 0..scalars {
        let length = 1 + random.below(20_000) as usize;
        text.push_str(&format!("  - &s{s} {}\n", "y".repeat(length)));
    }
    for _ in 0..random.below(3_000) {
        text.push_str(&format!("  - *s{}\n", random.below(scalars as u64)));
    }
    text.push_str("---\nkind: Risk\nid: R-1\ntitle: graph\ngraph:\n");
    // Node `n` is anchored as `g{n}` and may alias any earlier node.
    for node in 0..2 + random.below(40) {
        let children: Vec<String> = (0..1 + random.below(30))
            .map(|_| match node {
                0 => "leaf".to_string(),
                n => format!("*g{}", random.below(n)),
            })
            .collect();
        let body = if random.below(2) == 0 {
            format!("[{}]", children.join(", "))
        } else {
            let entries: Vec<String> = children
                .iter()
                .enumerate()
                .map(|(i, c)| format!("k{i}: {c}"))
                .collect();
            format!("{{{}}}", entries.join(", "))
        };
        text.push_str(&format!("  n{node}: &g{node} {body}\n"));
    }
    text
}

#[test]
fn memory_stays_within_a_multiple_of_the_input_for_random_alias_graphs() {
    let today = jiff::civil::date(2026, 12, 1);
    let mut random = Random(0x5eed_1234_abcd_ef01);
    for case in 0..40 {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("aims.toml"),
            "[organization]\nname = \"Memory\"\n",
        )
        .unwrap();
        let text = random_alias_file(&mut random);
        std::fs::write(dir.path().join("bomb.yaml"), &text).unwrap();

        let before = CURRENT.load(Ordering::Relaxed);
        PEAK.store(before, Ordering::Relaxed);
        let analysed = aims::cmd::analyse::analyse(dir.path(), today, None);
        let peak = PEAK.load(Ordering::Relaxed) - before;
        let (_, loaded, findings) = analysed.unwrap_or_else(|_| panic!("case {case} failed"));
        assert!(!loaded.model.files.is_empty());
        drop((loaded, findings));

        // What the alias budget lets through (1 MiB + 8 bytes a byte), copied as a tree and as
        // JSON, plus the compiled schemas and the run itself.
        let bound = 32 * text.len() + 12 * 1024 * 1024;
        assert!(
            peak < bound,
            "case {case}: {} KB of YAML took {} MB at peak (bound {} MB)",
            text.len() / 1024,
            peak / (1024 * 1024),
            bound / (1024 * 1024)
        );
    }
}
