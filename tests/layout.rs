//! The layout the architecture page describes holds: the model (`src/domain/`) reads no file and
//! imports neither the file formats (`src/files/`) nor the words (`src/words/`) nor any front
//! end; the file formats and the words do not import each other; no module is a `#[path]`
//! sibling. Tests inside a module (`tests.rs`, `#[cfg(test)] mod tests`) may use anything.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, test-only files left out.
fn sources(dir: &str) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|entry| entry.expect("a directory entry").path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs")
                && path.file_name().is_some_and(|n| n != "tests.rs")
            {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &mut out);
    assert!(!out.is_empty(), "no sources under {dir}");
    out
}

/// A file's code lines (numbered from 1) before its `#[cfg(test)]` module, comments left out.
fn code_lines(path: &Path) -> Vec<(usize, String)> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .enumerate()
        .take_while(|(_, line)| line.trim() != "#[cfg(test)]")
        .filter(|(_, line)| !line.trim_start().starts_with("//"))
        .map(|(i, line)| (i + 1, line.to_owned()))
        .collect()
}

/// Each line under `dir` that contains one of `needles`, as `file:line: text`.
fn lines_with(dir: &str, needles: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for path in sources(dir) {
        for (number, line) in code_lines(&path) {
            if needles.iter().any(|needle| line.contains(needle)) {
                let file = path
                    .strip_prefix(env!("CARGO_MANIFEST_DIR"))
                    .unwrap_or(&path);
                found.push(format!("{}:{number}: {}", file.display(), line.trim()));
            }
        }
    }
    found
}

/// The layers above the model: the file formats, the words and every front end.
const ABOVE_THE_MODEL: &[&str] = &[
    "crate::files",
    "crate::words",
    "crate::registry",
    "crate::script",
    "crate::lesson",
    "crate::tui",
    "crate::cli",
    "crate::docs",
    "crate::jwt",
    "crate::presets",
    "crate::transcript",
    "ratatui",
    "crossterm",
];

#[test]
fn the_model_imports_no_file_format_words_or_front_end() {
    let found = lines_with("src/domain", ABOVE_THE_MODEL);
    assert!(
        found.is_empty(),
        "the model imports a layer above it:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_model_reads_and_writes_no_file() {
    let found = lines_with(
        "src/domain",
        &[
            "std::fs",
            "std::io",
            "File::",
            "std::net",
            "std::env",
            "std::process",
        ],
    );
    assert!(
        found.is_empty(),
        "the model does I/O:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_file_formats_and_the_words_do_not_import_each_other() {
    let files = lines_with("src/files", &["crate::words", "crate::tui", "ratatui"]);
    assert!(
        files.is_empty(),
        "the file formats import:\n{}",
        files.join("\n")
    );
    let words = lines_with(
        "src/words",
        &["crate::files", "crate::tui", "ratatui", "std::fs"],
    );
    assert!(words.is_empty(), "the words import:\n{}", words.join("\n"));
}

#[test]
fn no_module_is_a_path_sibling() {
    let found = lines_with("src", &["#[path"]);
    assert!(found.is_empty(), "#[path] modules:\n{}", found.join("\n"));
}

/// A file's code before its `#[cfg(test)]` module, with comments and string literals blanked,
/// so a word in a message or a doc comment is not read as an import.
fn code_text(path: &Path) -> String {
    let lines: Vec<String> = code_lines(path).into_iter().map(|(_, l)| l).collect();
    let text = lines.join("\n");
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '\'' => {
                // A char literal such as '"' or '\'' (a lifetime has no closing quote nearby).
                let rest: String = chars.clone().take(3).collect();
                if rest.starts_with("\\") && rest.chars().nth(2) == Some('\'') {
                    chars.nth(2);
                } else if rest.chars().nth(1) == Some('\'') {
                    chars.nth(1);
                } else {
                    out.push(c);
                }
                out.push(' ');
            }
            '"' => {
                let mut escaped = false;
                for c in chars.by_ref() {
                    if escaped {
                        escaped = false;
                    } else if c == '\\' {
                        escaped = true;
                    } else if c == '"' {
                        break;
                    }
                }
                out.push_str("\"\"");
            }
            _ => out.push(c),
        }
    }
    out
}

/// The module a file is (`src/domain/oauth/validator.rs`: `["domain", "oauth", "validator"]`).
fn module_of_file(path: &Path) -> Vec<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let rel = path.strip_prefix(&src).expect("a file under src");
    let mut parts: Vec<String> = rel
        .with_extension("")
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if parts
        .last()
        .is_some_and(|p| p == "mod" || p == "lib" || p == "main")
    {
        parts.pop();
    }
    parts
}

/// The longest prefix of `segments` that is a module file under src/ (`crate::domain::policy::
/// Policy`: `domain::policy`).
fn module_named(segments: &[String]) -> String {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = 0;
    for n in 1..=segments.len() {
        let dir = segments[..n].iter().collect::<PathBuf>();
        let file = src.join(&dir).with_extension("rs");
        if file.is_file() || src.join(&dir).join("mod.rs").is_file() {
            found = n;
        } else {
            break;
        }
    }
    segments[..found].join("::")
}

/// Every module of the crate a file names in a `use` line or an inline path (`crate::…`,
/// `super::…`, braces expanded), as `domain::policy`.
fn modules_used(path: &Path) -> std::collections::BTreeSet<String> {
    let text = code_text(path);
    let me = module_of_file(path);
    let chars: Vec<char> = text.chars().collect();
    let mut used = std::collections::BTreeSet::new();
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut i = 0;
    while i < chars.len() {
        let starts = (i == 0 || !ident(chars[i - 1]) && chars[i - 1] != ':')
            && ["crate::", "super::"]
                .iter()
                .any(|p| chars[i..].iter().take(7).copied().eq(p.chars()));
        if !starts {
            i += 1;
            continue;
        }
        // The whole path, braces included.
        let mut j = i;
        let mut depth = 0;
        while j < chars.len() {
            let c = chars[j];
            if c == '{' {
                depth += 1;
            } else if c == '}' {
                if depth == 0 {
                    break;
                }
                depth -= 1;
            } else if !(ident(c) || c == ':' || c.is_whitespace() || c == ',' || c == '*')
                || (depth == 0 && (c == ',' || c.is_whitespace()))
            {
                break;
            }
            j += 1;
        }
        let tree: String = chars[i..j].iter().filter(|c| !c.is_whitespace()).collect();
        for full in expand(&tree) {
            let mut segments: Vec<String> = Vec::new();
            let mut base = me.clone();
            let mut first = true;
            for segment in full.split("::").filter(|s| !s.is_empty()) {
                match segment {
                    "crate" if first => base.clear(),
                    "super" if first || segments.is_empty() => {
                        base.pop();
                    }
                    _ => segments.push(segment.to_owned()),
                }
                first = false;
            }
            let mut all = base;
            all.extend(segments);
            let module = module_named(&all);
            if !module.is_empty() {
                used.insert(module);
            }
        }
        i = j.max(i + 1);
    }
    used
}

/// `a::{b, c::{d}}` as `a::b`, `a::c::d`.
fn expand(tree: &str) -> Vec<String> {
    let Some(open) = tree.find('{') else {
        return vec![tree.to_owned()];
    };
    let close = tree.rfind('}').unwrap_or(tree.len());
    let (head, body) = (&tree[..open], &tree[open + 1..close]);
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (k, c) in body.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&body[start..k]);
                start = k + 1;
            }
            _ => {}
        }
    }
    parts.push(&body[start..]);
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .flat_map(|p| expand(&format!("{head}{p}")))
        .collect()
}

/// Each file under src/ that names `module` (or a module inside it, other than `except`).
fn importers_of(files: &[&str], module: &str, except: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    for file in files {
        let path = root.join(file);
        for used in modules_used(&path) {
            let inside = used == module || used.starts_with(&format!("{module}::"));
            let excepted = except
                .iter()
                .any(|e| used == *e || used.starts_with(&format!("{e}::")));
            if inside && !excepted {
                found.push(format!("{file} imports {used}"));
            }
        }
    }
    found
}

#[test]
fn the_import_reader_sees_use_lines_braces_super_and_inline_paths() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let used = modules_used(&root.join("src/domain/policy.rs"));
    assert!(used.contains("domain::decision"), "{used:?}");
    assert!(used.contains("domain::settings"), "{used:?}");
    assert!(used.contains("domain::oauth::validator"), "{used:?}");
    assert_eq!(
        expand("crate::a::{b,c::{d,e}}"),
        ["crate::a::b", "crate::a::c::d", "crate::a::c::e"]
    );
}

/// The validators table is below the policy and the settings table: the settings name the
/// validator, the validator takes the lesson's rule as a value (`LessonRule`).
#[test]
fn the_validator_imports_neither_the_policy_nor_the_settings_table() {
    let found = importers_of(
        &[
            "src/domain/oauth/validator.rs",
            "src/domain/oauth/signed.rs",
            "src/domain/decision.rs",
        ],
        "domain::settings",
        &["domain::settings::kinds"],
    );
    let policy = importers_of(
        &[
            "src/domain/oauth/validator.rs",
            "src/domain/oauth/signed.rs",
            "src/domain/decision.rs",
            "src/domain/settings/kinds.rs",
            "src/domain/settings/mod.rs",
            "src/domain/settings/change.rs",
        ],
        "domain::policy",
        &[],
    );
    let kinds = importers_of(
        &["src/domain/settings/kinds.rs", "src/domain/decision.rs"],
        "domain::oauth",
        &[],
    );
    let decision = importers_of(&["src/domain/settings/kinds.rs"], "domain::decision", &[]);
    let all = [found, policy, kinds, decision].concat();
    assert!(
        all.is_empty(),
        "an import against the layers:\n{}",
        all.join("\n")
    );
}

/// The commands' parser dispatches `policy NAME VALUE` to `script/policy.rs`, never the other
/// way; both return the error of `script/parse_error.rs`, which imports neither.
#[test]
fn the_policy_command_and_the_parse_error_do_not_import_the_commands_parser() {
    let found = [
        importers_of(&["src/script/policy.rs"], "script::parse", &[]),
        importers_of(&["src/script/parse_error.rs"], "script::parse", &[]),
        importers_of(&["src/script/parse_error.rs"], "script::policy", &[]),
    ]
    .concat();
    assert!(
        found.is_empty(),
        "an import against the layers:\n{}",
        found.join("\n")
    );
}

/// The JWT inspector's files in one direction: the scripted mode and the inspector on top, the
/// verdicts, the signature check and the words below them, the libraries' facts and the word
/// error at the bottom.
#[test]
fn the_jwt_files_import_downwards_only() {
    let top = ["jwt::script", "jwt::inspect"];
    let middle = ["jwt::verdict", "jwt::verify", "jwt::words"];
    let mut found = Vec::new();
    for file in [
        "src/jwt/verdict.rs",
        "src/jwt/verify.rs",
        "src/jwt/words.rs",
        "src/jwt/libraries.rs",
    ] {
        for module in top {
            found.extend(importers_of(&[file], module, &[]));
        }
    }
    for module in middle {
        found.extend(importers_of(&["src/jwt/libraries.rs"], module, &[]));
    }
    found.extend(importers_of(
        &["src/jwt/word_error.rs"],
        "jwt",
        &["jwt::numeric_date"],
    ));
    assert!(
        found.is_empty(),
        "an import against the layers:\n{}",
        found.join("\n")
    );
}

/// The operations (`op.rs`) and `next-change` are above the model's core (the scenario, the
/// real-world model's operations and refresh, families, clients, the token store, a user's
/// state), the status phases below it.
#[test]
fn the_phases_and_the_operations_are_outside_the_models_core() {
    let core = [
        "src/domain/scenario.rs",
        "src/domain/oauth/ops.rs",
        "src/domain/oauth/refresh.rs",
        "src/domain/oauth/family.rs",
        "src/domain/clients/mod.rs",
        "src/domain/token_store/mod.rs",
        "src/domain/user_state.rs",
    ];
    let mut found = Vec::new();
    for module in [
        "domain::scenario",
        "domain::op",
        "domain::next_change",
        "domain::clients",
        "domain::token_store",
        "domain::user_state",
        "domain::session",
    ] {
        found.extend(importers_of(&["src/domain/phase.rs"], module, &[]));
    }
    found.extend(importers_of(
        &["src/domain/phase.rs"],
        "domain::oauth",
        &["domain::oauth::validator"],
    ));
    for module in ["domain::op", "domain::next_change"] {
        found.extend(importers_of(&core, module, &[]));
    }
    assert!(
        found.is_empty(),
        "an import against the layers:\n{}",
        found.join("\n")
    );
}

/// Inside the model's core, from the bottom: a token (`token.rs`), the clients, a family, a
/// user's state, the token store, the server's refresh, the scenario, the real-world model's
/// operations (which define some of the scenario's methods, see below), a user's status
/// (`status.rs`).
#[test]
fn the_models_core_imports_downwards_only() {
    let order = [
        ("src/domain/token.rs", "domain::token"),
        ("src/domain/clients/mod.rs", "domain::clients"),
        ("src/domain/oauth/family.rs", "domain::oauth::family"),
        ("src/domain/user_state.rs", "domain::user_state"),
        ("src/domain/token_store/mod.rs", "domain::token_store"),
        ("src/domain/oauth/refresh.rs", "domain::oauth::refresh"),
        ("src/domain/scenario.rs", "domain::scenario"),
        ("src/domain/oauth/ops.rs", "domain::oauth::ops"),
        ("src/domain/status.rs", "domain::status"),
    ];
    let mut found = Vec::new();
    for (i, (file, _)) in order.iter().enumerate() {
        for (_, above) in &order[i + 1..] {
            // clients/mod.rs's own files (round, traffic, ops) are modules of their own.
            let except: &[&str] = if *above == "domain::clients" {
                &[
                    "domain::clients::round",
                    "domain::clients::traffic",
                    "domain::clients::ops",
                ]
            } else {
                &[]
            };
            found.extend(importers_of(&[file], above, except));
        }
    }
    assert!(
        found.is_empty(),
        "an import against the layers:\n{}",
        found.join("\n")
    );
}

/// The methods `file` defines on `Scenario` (in its `impl Scenario` blocks).
fn scenario_methods_in(file: &str) -> Vec<String> {
    let text = code_text(&Path::new(env!("CARGO_MANIFEST_DIR")).join(file));
    let mut names = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        if line.starts_with("impl") && line.contains("Scenario {") {
            inside = true;
        } else if inside && line == "}" {
            inside = false;
        } else if inside && let Some(rest) = line.split("fn ").nth(1) {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            names.push(name);
        }
    }
    names
}

/// Methods the layers above define on `Scenario` are not called from `scenario.rs`: that would
/// be a dependency upwards that no `use` line shows.
#[test]
fn the_scenario_calls_no_method_defined_above_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scenario = code_text(&root.join("src/domain/scenario.rs"));
    let above = [
        "src/domain/oauth/ops.rs",
        "src/domain/clients/ops.rs",
        "src/domain/clients/round.rs",
    ];
    let methods: Vec<String> = above.iter().flat_map(|f| scenario_methods_in(f)).collect();
    assert!(
        methods.iter().any(|m| m == "model_op"),
        "the reader finds oauth/ops.rs's methods: {methods:?}"
    );
    let called: Vec<&String> = methods
        .iter()
        .filter(|m| scenario.contains(&format!(".{m}(")))
        .collect();
    assert!(
        called.is_empty(),
        "scenario.rs calls methods defined above it: {called:?}"
    );
}
