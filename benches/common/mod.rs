//! Set-up shared by the benchmarks: each bench file is its own crate and takes this module.

use std::fmt::Write;

/// A real-world scenario of `users` users with two shared tabs each, traffic on every 60 ticks
/// and single-flight on; half the users' access tokens are due at the first beat.
pub fn scenario_text(users: usize) -> String {
    let mut text = String::from(
        "current_time = 0\n[refresh]\nttl = 600\nearly = 60\n\
         [oauth]\nvalidator = \"jsonwebtoken\"\nsingle_flight = true\ntraffic = true\n\
         traffic_every = 60\n[tokens]\n",
    );
    for i in 0..users {
        let expiry = if i % 2 == 0 { 100 } else { 600 };
        let _ = writeln!(
            text,
            "u{i} = {{ token = \"at-u{i}-1\", expiry = {expiry} }}"
        );
    }
    text.push_str("[clients]\n");
    for i in 0..users {
        let _ = writeln!(
            text,
            "u{i} = [{{ name = \"tab1\" }}, {{ name = \"tab2\" }}]"
        );
    }
    text
}
