//! The one table of settings: every policy setting, the lesson's and the real-world model's, is
//! one row of [`settings!`] below (as helix declares its config). From the table come the
//! scenario-wide policy ([`Policy`], [`ModelPolicy`]), a user's own values ([`Overrides`]), the
//! values in force for a user ([`Knobs`]), policy changes ([`PolicyChange`]), reading and
//! writing files ([`crate::files::settings`]), `policy NAME VALUE` in scripts, the app's policy
//! menu, and the reference table (`crate::docs::reference`).
//!
//! Adding a setting is one row (in the group that says where it lives and whether a user may
//! override it) plus the code that reads the new field.

mod change;
pub mod kinds;

pub use change::{INHERIT, PolicyChange};
pub use kinds::{AccessKind, Boundary, Kind, NewToken, OnReuse};

use crate::domain::error::ValueError;
use crate::domain::oauth::Validator;
use crate::domain::oauth::signed::JwtSigning;
use crate::domain::settings::kinds::Val;

/// Where a setting lives in a scenario file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// `[refresh]`: the lesson's rule.
    Refresh,
    /// `[oauth]`: the real-world model (on when the file has this table).
    OAuth,
}

impl Section {
    pub fn table(self) -> &'static str {
        match self {
            Section::Refresh => "refresh",
            Section::OAuth => "oauth",
        }
    }
}

/// What a setting is about, which its help line starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topic {
    Lesson,
    Model,
    Clients,
}

impl Topic {
    /// `real-world model: `, `clients: `, or nothing for the lesson's own settings.
    pub fn prefix(self) -> &'static str {
        match self {
            Topic::Lesson => "",
            Topic::Model => "real-world model: ",
            Topic::Clients => "clients: ",
        }
    }
}

/// When a fresh save writes a setting's key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Save {
    /// Every time, so a saved file shows the whole policy.
    Always,
    /// Only when it differs from the default (scenarios that never used it save as before).
    WhenSet,
}

/// One row of the table, past its value type and default.
#[derive(Debug)]
pub struct Spec {
    /// The key in `[refresh]` or `[oauth]` (and in a user's `[tokens]` entry when per-user).
    pub key: &'static str,
    pub section: Section,
    /// Whether a user may have their own value.
    pub per_user: bool,
    /// The name in scripts (`policy NAME VALUE`), the menu and every sentence about it.
    pub name: &'static str,
    /// Whether `policy NAME VALUE` sets it (the others: files only, or a command of their own).
    pub scripted: bool,
    /// The key that picks it in the app's policy menu.
    pub menu: Option<char>,
    /// The least value, for settings that are numbers.
    pub min: u64,
    pub save: Save,
    /// Whether the refresh rule (`refresh when expiry < now + 60`) shows it: changing it is
    /// worded by the new rule rather than by its value.
    pub in_rule: bool,
    pub topic: Topic,
    /// One line for `help`, `--help`, the menu's prompt and the reference.
    pub help: &'static str,
    /// For a setting that may be left unset (`default` in scripts): what unset means, said
    /// beside `default` wherever a value is shown (`default: the library's own`).
    pub unset: Option<&'static str>,
}

macro_rules! settings {
    (
        refresh per_user { $( $RU:ident $ru:ident : $RUT:ty = $rud:expr, { $($rum:tt)* } ; )* }
        refresh scenario { $( $RS:ident $rs:ident : $RST:ty = $rsd:expr, { $($rsm:tt)* } ; )* }
        oauth per_user { $( $OU:ident $ou:ident : $OUT:ty = $oud:expr, { $($oum:tt)* } ; )* }
        oauth scenario { $( $OS:ident $os:ident : $OST:ty = $osd:expr, { $($osm:tt)* } ; )* }
    ) => {
        /// The refresh policy: the lesson's rule (`[refresh]`) and, when the scenario has the
        /// real-world model, its settings (`[oauth]`).
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct Policy {
            $( pub $ru: $RUT, )*
            $( pub $rs: $RST, )*
            /// The real-world model's settings (`[oauth]`); `None`: the lesson's model only.
            pub model: Option<Box<ModelPolicy>>,
        }

        impl Default for Policy {
            /// The lesson's policy: ttl 100, `newtoken123`, `expiry < now`, no early window,
            /// no leeway, no real-world model.
            fn default() -> Self {
                Self { $( $ru: $rud, )* $( $rs: $rsd, )* model: None }
            }
        }

        /// The real-world model's scenario-wide settings (`[oauth]`).
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct ModelPolicy {
            $( pub $ou: $OUT, )*
            $( pub $os: $OST, )*
        }

        impl Default for ModelPolicy {
            /// RFC 9700's advice: rotation with reuse detection, no grace, no lifetimes.
            fn default() -> Self {
                Self { $( $ou: $oud, )* $( $os: $osd, )* }
            }
        }

        /// A user's own values for the per-user settings (`None`: the scenario's).
        #[derive(Debug, Clone, PartialEq, Eq, Default)]
        pub struct Overrides {
            $( pub $ru: Option<$RUT>, )*
            $( pub $ou: Option<$OUT>, )*
        }

        /// The per-user settings in force for one user: the scenario's, with the user's own.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct Knobs {
            $( pub $ru: $RUT, )*
            $( pub $ou: $OUT, )*
        }

        impl Knobs {
            pub fn resolve(policy: &Policy, model: &ModelPolicy, o: &Overrides) -> Self {
                Self {
                    $( $ru: o.$ru.unwrap_or(policy.$ru), )*
                    $( $ou: o.$ou.unwrap_or(model.$ou), )*
                }
            }
        }

        /// Which setting.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Setting { $( $RU, )* $( $RS, )* $( $OU, )* $( $OS, )* }

        /// A setting with a value.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum SettingValue {
            $( $RU($RUT), )* $( $RS($RST), )* $( $OU($OUT), )* $( $OS($OST), )*
        }

        impl Setting {
            /// Every setting, in the table's order (the order of files, menus and help).
            pub const ALL: &'static [Setting] = &[
                $( Setting::$RU, )* $( Setting::$RS, )* $( Setting::$OU, )* $( Setting::$OS, )*
            ];

            pub fn spec(self) -> &'static Spec {
                match self {
                    $( Setting::$RU => &Spec {
                        key: stringify!($ru), section: Section::Refresh, per_user: true, $($rum)*
                    }, )*
                    $( Setting::$RS => &Spec {
                        key: stringify!($rs), section: Section::Refresh, per_user: false, $($rsm)*
                    }, )*
                    $( Setting::$OU => &Spec {
                        key: stringify!($ou), section: Section::OAuth, per_user: true, $($oum)*
                    }, )*
                    $( Setting::$OS => &Spec {
                        key: stringify!($os), section: Section::OAuth, per_user: false, $($osm)*
                    }, )*
                }
            }

            /// How its value is written in a file: `N or "5m"`, `true|false`.
            pub fn file_shape(self) -> String {
                match self {
                    $( Setting::$RU => <$RUT as Kind>::file_shape(), )*
                    $( Setting::$RS => <$RST as Kind>::file_shape(), )*
                    $( Setting::$OU => <$OUT as Kind>::file_shape(), )*
                    $( Setting::$OS => <$OST as Kind>::file_shape(), )*
                }
            }

            /// How its value is written in a script: `N`, `on|off`, `jwt|opaque`.
            pub fn shape(self) -> String {
                match self {
                    $( Setting::$RU => <$RUT as Kind>::shape(), )*
                    $( Setting::$RS => <$RST as Kind>::shape(), )*
                    $( Setting::$OU => <$OUT as Kind>::shape(), )*
                    $( Setting::$OS => <$OST as Kind>::shape(), )*
                }
            }

            pub fn default_value(self) -> SettingValue {
                match self {
                    $( Setting::$RU => SettingValue::$RU($rud), )*
                    $( Setting::$RS => SettingValue::$RS($rsd), )*
                    $( Setting::$OU => SettingValue::$OU($oud), )*
                    $( Setting::$OS => SettingValue::$OS($osd), )*
                }
            }

            /// The value of its kind a word says, before the range is checked.
            fn kind_from_word(self, word: &str) -> Result<SettingValue, ValueError> {
                match self {
                    $( Setting::$RU => <$RUT as Kind>::parse_word(word).map(SettingValue::$RU), )*
                    $( Setting::$RS => <$RST as Kind>::parse_word(word).map(SettingValue::$RS), )*
                    $( Setting::$OU => <$OUT as Kind>::parse_word(word).map(SettingValue::$OU), )*
                    $( Setting::$OS => <$OST as Kind>::parse_word(word).map(SettingValue::$OS), )*
                }
            }

            /// The value of its kind a file's value is, before the range is checked.
            fn kind_from_file(self, value: &kinds::FileValue) -> Result<SettingValue, ValueError> {
                match self {
                    $( Setting::$RU => <$RUT as Kind>::from_file(value).map(SettingValue::$RU), )*
                    $( Setting::$RS => <$RST as Kind>::from_file(value).map(SettingValue::$RS), )*
                    $( Setting::$OU => <$OUT as Kind>::from_file(value).map(SettingValue::$OU), )*
                    $( Setting::$OS => <$OST as Kind>::from_file(value).map(SettingValue::$OS), )*
                }
            }

            /// Its scenario-wide value; `None` for a model setting when the model is off.
            pub fn of_policy(self, p: &Policy) -> Option<SettingValue> {
                match self {
                    $( Setting::$RU => Some(SettingValue::$RU(p.$ru.clone())), )*
                    $( Setting::$RS => Some(SettingValue::$RS(p.$rs.clone())), )*
                    $( Setting::$OU => p.model.as_deref().map(|m| SettingValue::$OU(m.$ou.clone())), )*
                    $( Setting::$OS => p.model.as_deref().map(|m| SettingValue::$OS(m.$os.clone())), )*
                }
            }

            /// A user's own value, if the user has one.
            pub fn of_overrides(self, o: &Overrides) -> Option<SettingValue> {
                match self {
                    $( Setting::$RU => o.$ru.map(SettingValue::$RU), )*
                    $( Setting::$RS => None, )*
                    $( Setting::$OU => o.$ou.map(SettingValue::$OU), )*
                    $( Setting::$OS => None, )*
                }
            }

            /// The value in force for a user (`None` for a scenario-wide setting).
            pub fn of_knobs(self, k: &Knobs) -> Option<SettingValue> {
                match self {
                    $( Setting::$RU => Some(SettingValue::$RU(k.$ru)), )*
                    $( Setting::$RS => None, )*
                    $( Setting::$OU => Some(SettingValue::$OU(k.$ou)), )*
                    $( Setting::$OS => None, )*
                }
            }

            /// The user follows the scenario's value again.
            pub fn clear_override(self, o: &mut Overrides) {
                match self {
                    $( Setting::$RU => o.$ru = None, )*
                    $( Setting::$RS => {} )*
                    $( Setting::$OU => o.$ou = None, )*
                    $( Setting::$OS => {} )*
                }
            }
        }

        impl SettingValue {
            pub fn setting(&self) -> Setting {
                match self {
                    $( SettingValue::$RU(_) => Setting::$RU, )*
                    $( SettingValue::$RS(_) => Setting::$RS, )*
                    $( SettingValue::$OU(_) => Setting::$OU, )*
                    $( SettingValue::$OS(_) => Setting::$OS, )*
                }
            }

            /// The value as a script writes it: `30`, `on`, `rfc7519`.
            pub fn word(&self) -> String {
                match self {
                    $( SettingValue::$RU(v) => Kind::word(v), )*
                    $( SettingValue::$RS(v) => Kind::word(v), )*
                    $( SettingValue::$OU(v) => Kind::word(v), )*
                    $( SettingValue::$OS(v) => Kind::word(v), )*
                }
            }

            /// The value as a file writes it (`None`: the key is left out).
            pub fn to_file(&self) -> Option<Val> {
                match self {
                    $( SettingValue::$RU(v) => Kind::to_file(v), )*
                    $( SettingValue::$RS(v) => Kind::to_file(v), )*
                    $( SettingValue::$OU(v) => Kind::to_file(v), )*
                    $( SettingValue::$OS(v) => Kind::to_file(v), )*
                }
            }

            fn number(&self) -> Option<u64> {
                match self {
                    $( SettingValue::$RU(v) => Kind::number(v), )*
                    $( SettingValue::$RS(v) => Kind::number(v), )*
                    $( SettingValue::$OU(v) => Kind::number(v), )*
                    $( SettingValue::$OS(v) => Kind::number(v), )*
                }
            }

            /// The value the app's menu switches to at once (`None`: the menu asks for it).
            pub fn next(&self) -> Option<SettingValue> {
                match self {
                    $( SettingValue::$RU(v) => Kind::next(v).map(SettingValue::$RU), )*
                    $( SettingValue::$RS(v) => Kind::next(v).map(SettingValue::$RS), )*
                    $( SettingValue::$OU(v) => Kind::next(v).map(SettingValue::$OU), )*
                    $( SettingValue::$OS(v) => Kind::next(v).map(SettingValue::$OS), )*
                }
            }

            /// Sets it scenario-wide; a setting of the model turns the model on.
            pub fn apply(self, p: &mut Policy) {
                match self {
                    $( SettingValue::$RU(v) => p.$ru = v, )*
                    $( SettingValue::$RS(v) => p.$rs = v, )*
                    $( SettingValue::$OU(v) => p.model.get_or_insert_with(Default::default).$ou = v, )*
                    $( SettingValue::$OS(v) => p.model.get_or_insert_with(Default::default).$os = v, )*
                }
            }

            /// Sets it as a user's own value; `false` (and nothing set) for a scenario-wide one.
            pub fn apply_override(self, o: &mut Overrides) -> bool {
                match self {
                    $( SettingValue::$RU(v) => { o.$ru = Some(v); true } )*
                    $( SettingValue::$RS(_) => false, )*
                    $( SettingValue::$OU(v) => { o.$ou = Some(v); true } )*
                    $( SettingValue::$OS(_) => false, )*
                }
            }
        }
    };
}

settings! {
    refresh per_user {
        Ttl ttl: u64 = 100, {
            name: "ttl", scripted: true, menu: Some('t'), min: 0, save: Save::Always,
            in_rule: false, topic: Topic::Lesson,
            help: "a refreshed token expires N ticks after the refresh",
            unset: None,
        };
    }
    refresh scenario {
        NewToken new_token: NewToken = NewToken::default(), {
            name: "new-token", scripted: false, menu: None, min: 0, save: Save::Always,
            in_rule: false, topic: Topic::Lesson,
            help: "what a refresh issues: the same token each time, or { random_bytes = N } (files only)",
            unset: None,
        };
        Boundary boundary: Boundary = Boundary::Lesson, {
            name: "boundary", scripted: true, menu: Some('b'), min: 0, save: Save::Always,
            in_rule: true, topic: Topic::Lesson,
            help: "expired when expiry < now (lesson) or expiry <= now (RFC 7519)",
            unset: None,
        };
        Early early: u64 = 0, {
            name: "early", scripted: true, menu: Some('e'), min: 0, save: Save::Always,
            in_rule: true, topic: Topic::Lesson,
            help: "refresh N ticks early: when expiry < now + N",
            unset: None,
        };
        Leeway leeway: u64 = 0, {
            name: "leeway", scripted: true, menu: Some('l'), min: 0, save: Save::Always,
            in_rule: false, topic: Topic::Lesson,
            help: "a validator accepts a token N ticks past its expiry",
            unset: None,
        };
    }
    oauth per_user {
        Access access: AccessKind = AccessKind::Jwt, {
            name: "access", scripted: true, menu: Some('a'), min: 0, save: Save::Always,
            in_rule: false, topic: Topic::Model,
            help: "access tokens checked locally (jwt) or introspected (opaque)",
            unset: None,
        };
        Validator validator: Validator = Validator::LESSON, {
            name: "validator", scripted: true, menu: Some('v'), min: 0, save: Save::Always,
            in_rule: false, topic: Topic::Model,
            help: "the library that judges access tokens at call",
            unset: None,
        };
        ValidatorLeeway validator_leeway: Option<u64> = None, {
            name: "validator-leeway", scripted: true, menu: Some('w'), min: 0,
            save: Save::WhenSet, in_rule: false, topic: Topic::Model,
            help: "the validator library's leeway in ticks (default: the library's own)",
            unset: Some("the library's own"),
        };
        Rotation rotation: bool = true, {
            name: "rotation", scripted: true, menu: Some('r'), min: 0, save: Save::Always,
            in_rule: false, topic: Topic::Model,
            help: "a new refresh token at each refresh",
            unset: None,
        };
        ReuseDetection reuse_detection: bool = true, {
            name: "reuse-detection", scripted: true, menu: Some('d'), min: 0,
            save: Save::Always, in_rule: false, topic: Topic::Model,
            help: "a used refresh token presented again revokes the family",
            unset: None,
        };
        Grace grace: u64 = 0, {
            name: "grace", scripted: true, menu: Some('g'), min: 0, save: Save::Always,
            in_rule: false, topic: Topic::Model,
            help: "the previous refresh token is accepted while now < rotated + N",
            unset: None,
        };
        SenderConstrained sender_constrained: bool = false, {
            name: "sender-constrained", scripted: true, menu: Some('s'), min: 0,
            save: Save::Always, in_rule: false, topic: Topic::Model,
            help: "refresh tokens bound to the client's key (DPoP, mTLS)",
            unset: None,
        };
        Absolute absolute: u64 = 0, {
            name: "absolute", scripted: true, menu: Some('x'), min: 0, save: Save::Always,
            in_rule: false, topic: Topic::Model,
            help: "refresh tokens die N ticks after login (0: never)",
            unset: None,
        };
        Idle idle: u64 = 0, {
            name: "idle", scripted: true, menu: Some('i'), min: 0, save: Save::Always,
            in_rule: false, topic: Topic::Model,
            help: "refresh tokens die when unused N ticks (0: never)",
            unset: None,
        };
        // Added in the model branch (issue 16): Keycloak's refresh tokens and reuse count, and
        // what a reuse inside the grace period gets (Auth0 mints, Okta returns the current one).
        TokenExpiry token_expiry: bool = false, {
            name: "token-expiry", scripted: true, menu: Some('k'), min: 0,
            save: Save::WhenSet, in_rule: false, topic: Topic::Model,
            help: "each refresh token has its own exp, min(issued + idle, login + absolute), checked first (Keycloak); with reuse detection off an older one works until it",
            unset: None,
        };
        MaxReuse max_reuse: Option<u64> = None, {
            name: "max-reuse", scripted: true, menu: Some('m'), min: 0,
            save: Save::WhenSet, in_rule: false, topic: Topic::Model,
            help: "the previous refresh token is accepted again N more times, counted instead of the grace ticks (Keycloak's Refresh Token Max Reuse; default: not counted)",
            unset: Some("not counted, the grace ticks decide"),
        };
        GraceMints grace_mints: bool = false, {
            name: "grace-mints", scripted: true, menu: Some('j'), min: 0,
            save: Save::WhenSet, in_rule: false, topic: Topic::Model,
            help: "a previous refresh token accepted again gets a newly minted one (Auth0, Keycloak); off: the current one (Okta)",
            unset: None,
        };
        CapAccess cap_access: bool = false, {
            name: "cap-access", scripted: true, menu: Some('c'), min: 0, save: Save::Always,
            in_rule: false, topic: Topic::Model,
            help: "a refreshed access token never outlives the absolute cap",
            unset: None,
        };
        OnReuse on_reuse: OnReuse = OnReuse::Family, {
            name: "on-reuse", scripted: true, menu: Some('o'), min: 0, save: Save::Always,
            in_rule: false, topic: Topic::Model,
            help: "what a detected reuse revokes (Auth0: family; Okta: newest-and-access)",
            unset: None,
        };
        SingleFlight single_flight: bool = false, {
            name: "single-flight", scripted: true, menu: Some('f'), min: 0,
            save: Save::WhenSet, in_rule: false, topic: Topic::Clients,
            help: "clients sharing storage send one refresh request and share its answer",
            unset: None,
        };
        RetryOn401 retry_on_401: bool = false, {
            name: "retry-on-401", scripted: true, menu: Some('y'), min: 0,
            save: Save::WhenSet, in_rule: false, topic: Topic::Clients,
            help: "a client whose call gets 401 refreshes and retries the call once (what application code adds, e.g. an axios interceptor); off by default: Spring's OAuth2 client filter hands the 401 back, oidc-client-ts renews on a timer",
            unset: None,
        };
    }
    oauth scenario {
        Traffic traffic: bool = false, {
            name: "traffic", scripted: false, menu: None, min: 0, save: Save::WhenSet,
            in_rule: false, topic: Topic::Clients,
            help: "every client calls the API every traffic-every ticks as the clock moves (the traffic command)",
            unset: None,
        };
        TrafficEvery traffic_every: u64 = TRAFFIC_EVERY, {
            name: "traffic-every", scripted: true, menu: Some('n'), min: 1,
            save: Save::WhenSet, in_rule: false, topic: Topic::Clients,
            help: "with traffic on, each client calls every N ticks (1 or more)",
            unset: None,
        };
        Jwt jwt: Option<JwtSigning> = None, {
            name: "jwt", scripted: false, menu: None, min: 0, save: Save::WhenSet,
            in_rule: false, topic: Topic::Model,
            help: "access tokens are real JWTs signed with this HMAC secret, their times epoch + tick (files only; token USER prints one)",
            unset: None,
        };
    }
}

/// How often each client calls the API when traffic is on, unless the scenario says otherwise.
pub const TRAFFIC_EVERY: u64 = 60;

impl Overrides {
    pub fn is_empty(&self) -> bool {
        *self == Overrides::default()
    }

    /// The user's own values, in the table's order.
    pub fn values(&self) -> impl Iterator<Item = SettingValue> + '_ {
        Setting::ALL.iter().filter_map(|s| s.of_overrides(self))
    }
}

impl Setting {
    pub fn from_name(name: &str) -> Option<Setting> {
        Setting::ALL.iter().copied().find(|s| s.spec().name == name)
    }

    pub fn from_key(section: Section, key: &str) -> Option<Setting> {
        Setting::ALL
            .iter()
            .copied()
            .find(|s| s.spec().section == section && s.spec().key == key)
    }

    /// The settings `policy NAME VALUE` sets.
    pub fn scripted() -> impl Iterator<Item = Setting> {
        Setting::ALL.iter().copied().filter(|s| s.spec().scripted)
    }

    /// Its help line as `help` shows it: `real-world model: a new refresh token at each refresh`.
    pub fn help_line(self) -> String {
        let spec = self.spec();
        format!("{}{}", spec.topic.prefix(), spec.help)
    }

    /// `policy grace N`.
    pub fn usage(self) -> String {
        format!("policy {} {}", self.spec().name, self.shape())
    }

    /// Refuses a value outside the setting's range; `name` is how the user named the setting.
    fn check(self, value: SettingValue, name: &'static str) -> Result<SettingValue, ValueError> {
        let min = self.spec().min;
        match value.number() {
            Some(n) if n < min => Err(ValueError::BelowMin {
                name,
                min,
                given: n,
            }),
            _ => Ok(value),
        }
    }

    /// A script's or the app's word for this setting's value, range checked.
    pub fn parse_word(self, word: &str) -> Result<SettingValue, ValueError> {
        self.kind_from_word(word)
            .and_then(|v| self.check(v, self.spec().name))
    }

    /// A file's value for this setting, range checked (errors name the file's key).
    pub fn from_file(self, value: &kinds::FileValue) -> Result<SettingValue, ValueError> {
        self.kind_from_file(value)
            .and_then(|v| self.check(v, self.spec().key))
    }
}

#[cfg(test)]
mod tests;
