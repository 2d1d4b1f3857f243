//! The rooms of `src/` are layers (README, "What the core does"): a module uses only its own
//! layer and those below it, so nothing in the core reaches up into the JS face and no two rooms
//! need each other. Read from the sources, so a new `use` that breaks the rule fails here.

use std::path::{Path, PathBuf};

/// Lowest first; rooms on one rank may use each other's modules only within themselves.
const RANKS: &[(&str, u8)] = &[
    ("text", 0),
    ("model", 1),
    ("value", 2),
    ("error", 3),
    ("codec", 4),
    ("sigv4", 4),
    ("call", 5),
    ("js", 6),
];

/// The uses against the layers, kept on purpose, both asking the runtime in the wasm instead of
/// carrying code it has: `text::pattern::matches` its `RegExp` through `js::regex` (issue 17: no
/// matcher or Unicode tables in the wasm; handing the matcher down as a function pointer instead was
/// measured at +0.2 KB brotli, issue 22), and `text::decimal::approx` its `parseFloat` through
/// `js::number` (issue 28: -0.38 KB brotli). (awsJson's answers are read by the JS face itself:
/// `codec/aws_json.rs`.)
const ALLOWED: &[(&str, &str)] = &[("src/text/pattern.rs", "js"), ("src/text/decimal.rs", "js")];

fn rank(room: &str) -> Option<u8> {
    RANKS.iter().find(|(r, _)| *r == room).map(|(_, k)| *k)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The room a file of `src/` belongs to: its folder, or its own name for a file directly in `src/`.
fn room_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_owned()
}

#[test]
fn each_room_uses_only_its_own_layer_and_those_below() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut checked = 0;
    let mut wrong = Vec::new();
    for file in &files {
        let room = room_of(&src, file);
        if room == "lib" {
            continue;
        }
        let mine = rank(&room)
            .unwrap_or_else(|| panic!("{}: room {room} has no layer in RANKS", file.display()));
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            // Code only: a comment may name any module.
            let code = line.split("//").next().unwrap_or_default();
            for (at, _) in code.match_indices("crate::") {
                let used: String = code[at + 7..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                let Some(theirs) = rank(&used) else { continue };
                checked += 1;
                let rel = file
                    .strip_prefix(src.parent().unwrap())
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                if ALLOWED.contains(&(rel.as_str(), used.as_str())) {
                    continue;
                }
                if theirs > mine || (theirs == mine && used != room) {
                    wrong.push(format!(
                        "{}:{}: {room} uses crate::{used}",
                        file.display(),
                        n + 1
                    ));
                }
            }
        }
    }
    assert!(checked > 50, "the scan sees the uses: {checked}");
    assert!(
        wrong.is_empty(),
        "uses against the layers:\n{}",
        wrong.join("\n")
    );
}
