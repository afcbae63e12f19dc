//! The presets, built into the binary (`--preset NAME`): the same files as `assets/`, so a
//! `cargo install`ed tokenclock, which has no `assets/` folder, opens them by name anywhere.

/// A preset: its name for `--preset` and its file's text.
pub struct Preset {
    pub name: &'static str,
    pub text: &'static str,
}

/// Every `assets/*.toml`, in the order `--preset list` shows them (a test checks none is
/// missing).
pub const PRESETS: &[Preset] = &[
    Preset {
        name: "lesson",
        text: include_str!("../assets/lesson.toml"),
    },
    Preset {
        name: "boundary",
        text: include_str!("../assets/boundary.toml"),
    },
    Preset {
        name: "real-world",
        text: include_str!("../assets/real-world.toml"),
    },
    Preset {
        name: "rotation",
        text: include_str!("../assets/rotation.toml"),
    },
    Preset {
        name: "revoke",
        text: include_str!("../assets/revoke.toml"),
    },
    Preset {
        name: "two-tabs",
        text: include_str!("../assets/two-tabs.toml"),
    },
    Preset {
        name: "storm",
        text: include_str!("../assets/storm.toml"),
    },
    Preset {
        name: "lost-response",
        text: include_str!("../assets/lost-response.toml"),
    },
    Preset {
        name: "skew",
        text: include_str!("../assets/skew.toml"),
    },
    Preset {
        name: "leeway",
        text: include_str!("../assets/leeway.toml"),
    },
    Preset {
        name: "sliding",
        text: include_str!("../assets/sliding.toml"),
    },
    Preset {
        name: "auth0",
        text: include_str!("../assets/auth0.toml"),
    },
    Preset {
        name: "okta",
        text: include_str!("../assets/okta.toml"),
    },
    Preset {
        name: "keycloak",
        text: include_str!("../assets/keycloak.toml"),
    },
];

/// The preset called `name`.
pub fn find(name: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.name == name)
}

impl Preset {
    /// The first line of the file's opening comment, without its `#`.
    pub fn about(&self) -> &'static str {
        self.text
            .lines()
            .find_map(|l| l.strip_prefix('#'))
            .map_or("", str::trim)
    }

    /// How errors and the app name it: `preset rotation`.
    pub fn label(&self) -> String {
        format!("preset {}", self.name)
    }
}

/// The list `--preset list` prints: one preset a line, its name and its first comment line.
pub fn list_text() -> String {
    let width = PRESETS.iter().map(|p| p.name.len()).max().unwrap_or(0);
    PRESETS
        .iter()
        .map(|p| format!("{:width$}  {}\n", p.name, p.about()))
        .collect()
}

/// Whether `path` is one of the files tokenclock ships (`assets/NAME.toml` or
/// `assets/lessons/NAME.toml` holding a preset or a built-in lesson by that name): saving over one
/// asks first.
pub fn is_shipped_file(path: &std::path::Path) -> bool {
    let Some(name) = path.file_stem().and_then(|n| n.to_str()) else {
        return false;
    };
    let parent = path
        .parent()
        .and_then(|p| p.file_name())
        .and_then(|n| n.to_str());
    let ext = path.extension().and_then(|e| e.to_str());
    ext == Some("toml")
        && match parent {
            Some("assets") => find(name).is_some(),
            Some("lessons") => crate::lesson::built_in(name).is_some(),
            _ => false,
        }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each thing defined once: every file in `assets/` is a preset, and every preset loads.
    #[test]
    fn every_asset_is_a_preset_and_loads() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/assets");
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().and_then(|e| e.to_str()) == Some("toml") {
                let name = path.file_stem().unwrap().to_str().unwrap();
                let preset = find(name).unwrap_or_else(|| panic!("{name} is not in PRESETS"));
                assert_eq!(preset.text, std::fs::read_to_string(&path).unwrap());
            }
        }
        for preset in PRESETS {
            crate::files::parse_scenario(preset.text, &preset.label()).unwrap();
            assert!(
                !preset.about().is_empty(),
                "{} has no opening comment",
                preset.name
            );
        }
    }

    #[test]
    fn shipped_files_are_known_by_their_folder_and_name() {
        assert!(is_shipped_file("assets/rotation.toml".as_ref()));
        assert!(is_shipped_file("/x/assets/lessons/seed.toml".as_ref()));
        assert!(!is_shipped_file("my/rotation.toml".as_ref()));
        assert!(!is_shipped_file("assets/mine.toml".as_ref()));
    }
}
