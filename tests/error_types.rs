//! Every layer's errors are typed (one thiserror enum per layer): no function in `src`, outside
//! its tests, returns or takes a `Result` whose error is a bare `String`. The check reads the
//! sources as text: it finds each `Result<…>` written in code (not in comments, not in test
//! modules or `tests.rs` files) and looks at its second type argument.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, except test files.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "tests") {
                sources(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs")
            && path.file_name().is_some_and(|n| n != "tests.rs")
        {
            out.push(path);
        }
    }
}

/// The code of a file without comments and without its `#[cfg(test)] mod tests { … }`, each
/// removed part replaced by blanks so line numbers stay.
fn code(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        if line.trim() == "#[cfg(test)]"
            && lines
                .peek()
                .is_some_and(|next| next.trim_start().starts_with("mod tests {"))
        {
            // Skip to the brace that closes the module.
            let mut depth = 0i32;
            out.push('\n');
            for inner in lines.by_ref() {
                depth += inner.matches('{').count() as i32 - inner.matches('}').count() as i32;
                out.push('\n');
                if depth <= 0 && inner.contains('}') {
                    break;
                }
            }
            continue;
        }
        let without_comment = match line.find("//") {
            Some(at) => &line[..at],
            None => line,
        };
        out.push_str(without_comment);
        out.push('\n');
    }
    out
}

/// The second type argument of each `Result<A, B>` in `code` that is `String`, with its line.
fn string_errors(code: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = code[from..].find("Result<") {
        let start = from + at + "Result<".len();
        from = start;
        let (mut depth, mut args, mut current) = (0i32, Vec::new(), String::new());
        for ch in code[start..].chars() {
            match ch {
                '<' | '(' | '[' => depth += 1,
                '>' | ')' | ']' if depth == 0 => break,
                '>' | ')' | ']' => depth -= 1,
                ',' if depth == 0 => {
                    args.push(std::mem::take(&mut current));
                    continue;
                }
                _ => {}
            }
            current.push(ch);
        }
        args.push(current);
        if args.get(1).is_some_and(|e| e.trim() == "String") {
            let line = code[..start].matches('\n').count() + 1;
            found.push((line, format!("Result<{}>", args.join(","))));
        }
    }
    found
}

#[test]
fn the_check_finds_a_string_error_however_the_result_is_written() {
    let sample = "fn a() -> Result<Vec<u8>, String> {}\n\
                  fn b() -> Result<(), FileError> {}\n\
                  fn c() -> Result<Option<Prompt>, String> {}\n\
                  fn d() -> Result<Result<u8, String>, E> {}\n\
                  fn e() -> io::Result<String> {}\n\
                  fn f() -> Result<(u8, String), Error> {}\n";
    let lines: Vec<usize> = string_errors(sample).iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, [1, 3, 4]);
    let hidden = "// fn a() -> Result<u8, String>\n#[cfg(test)]\nmod tests {\n    fn t() -> Result<u8, String> { Ok(0) }\n}\nfn b() -> Result<u8, String> {}\n";
    let lines: Vec<usize> = string_errors(&code(hidden))
        .iter()
        .map(|(l, _)| *l)
        .collect();
    assert_eq!(lines, [6]);
}

#[test]
fn no_result_in_src_has_a_string_error() {
    let mut files = Vec::new();
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    assert!(files.len() > 50, "the sources were not found");
    let mut bad = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        for (line, result) in string_errors(&code(&text)) {
            bad.push(format!("{}:{line}: {result}", path.display()));
        }
    }
    assert!(
        bad.is_empty(),
        "Result<_, String> left:\n{}",
        bad.join("\n")
    );
}
