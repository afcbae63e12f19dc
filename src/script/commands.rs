//! The one command table (as helix's typed commands): each row is a command's name, its
//! arguments, its help line and how it becomes a [`Command`]. Parsing, `help`, `--help` and
//! "did you mean" are all read from [`COMMANDS`], so a command is defined in exactly one place.

use crate::domain::clients::ClientOp;
use crate::domain::oauth::{AccessKind, ModelChange, OnReuse, Validator};
use crate::domain::{Boundary, Op, PolicyChange};
use std::path::PathBuf;

/// One scripted command: an operation on the session, or one of the script's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Op(Op),
    /// The clock and a table of every user.
    Show,
    Save(PathBuf),
    Help,
}

impl Command {
    /// The user the command is about, if any.
    pub fn user(&self) -> Option<&str> {
        match self {
            Command::Op(
                Op::Refresh(user)
                | Op::Remove(user)
                | Op::SetExpiry { user, .. }
                | Op::Steal(user)
                | Op::Replay(user)
                | Op::Revoke(user)
                | Op::Login(user)
                | Op::Call(user),
            ) => Some(user),
            Command::Op(Op::Clients(op)) => op.user(),
            _ => None,
        }
    }
}

/// What an argument is, which decides how it is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arg {
    User,
    Token,
    Ticks,
    Boundary,
    Path,
    Validator,
    /// `jwt` or `opaque`.
    Access,
    /// `on` or `off`.
    OnOff,
    OnReuse,
    /// A client's name (issue 9).
    Client,
    /// A client's name that may be left out (the user's first client).
    OptClient,
    /// A signed number of ticks (a clock offset): `-90`, `+30`, `-1m`.
    Offset,
}

impl Arg {
    /// Whether the argument may be left out (only at the end).
    pub fn optional(self) -> bool {
        self == Arg::OptClient
    }
}

/// A checked argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Ticks(u64),
    Boundary(Boundary),
    Validator(Validator),
    Access(AccessKind),
    Bool(bool),
    OnReuse(OnReuse),
    Offset(i64),
}

impl Value {
    fn text(&self) -> String {
        match self {
            Value::Text(text) => text.clone(),
            Value::Ticks(n) => n.to_string(),
            Value::Boundary(b) => b.name().to_owned(),
            Value::Validator(v) => v.name().to_owned(),
            Value::Access(a) => a.name().to_owned(),
            Value::Bool(b) => if *b { "on" } else { "off" }.to_owned(),
            Value::OnReuse(r) => r.name().to_owned(),
            Value::Offset(n) => n.to_string(),
        }
    }

    fn ticks(&self) -> u64 {
        match self {
            Value::Ticks(n) => *n,
            _ => 0,
        }
    }
}

/// One row of the table.
pub struct CommandSpec {
    /// One or two words, e.g. `refresh` or `policy early`.
    pub name: &'static str,
    /// Each argument as `help` shows it, and its kind.
    pub args: &'static [(&'static str, Arg)],
    pub help: &'static str,
    /// Builds the command from its checked arguments (as many as `args`, in order).
    pub build: fn(&[Value]) -> Command,
}

impl CommandSpec {
    /// `refresh USER`, `policy boundary lesson|rfc7519`.
    pub fn usage(&self) -> String {
        let mut usage = self.name.to_owned();
        for (shown, _) in self.args {
            usage.push(' ');
            usage.push_str(shown);
        }
        usage
    }
}

fn op(op: Op) -> Command {
    Command::Op(op)
}

fn text(values: &[Value], i: usize) -> String {
    values.get(i).map(Value::text).unwrap_or_default()
}

fn ticks(values: &[Value], i: usize) -> u64 {
    values.get(i).map_or(0, Value::ticks)
}

fn on(values: &[Value]) -> bool {
    matches!(values.first(), Some(Value::Bool(true)))
}

fn model(change: ModelChange) -> Command {
    op(Op::Policy(PolicyChange::Model(change)))
}

fn clients(op: ClientOp) -> Command {
    Command::Op(Op::Clients(op))
}

/// The optional argument at `i`, when given.
fn given(values: &[Value], i: usize) -> Option<String> {
    values.get(i).map(Value::text)
}

pub const COMMANDS: &[CommandSpec] = &[
    CommandSpec {
        name: "refresh",
        args: &[("USER", Arg::User)],
        help: "the lesson's refresh_token(USER); prints the outcome",
        build: |v| op(Op::Refresh(text(v, 0))),
    },
    CommandSpec {
        name: "refresh-all",
        args: &[],
        help: "refresh every user in order; one line each",
        build: |_| op(Op::RefreshAll),
    },
    CommandSpec {
        name: "advance",
        args: &[("N", Arg::Ticks)],
        help: "move the clock N ticks forward (it stops at the maximum)",
        build: |v| op(Op::Advance(ticks(v, 0))),
    },
    CommandSpec {
        name: "rewind",
        args: &[("N", Arg::Ticks)],
        help: "move the clock N ticks back (it stops at 0)",
        build: |v| op(Op::Rewind(ticks(v, 0))),
    },
    CommandSpec {
        name: "time",
        args: &[("N", Arg::Ticks)],
        help: "set the clock to N",
        build: |v| op(Op::SetTime(ticks(v, 0))),
    },
    CommandSpec {
        name: "next-change",
        args: &[],
        help: "move the clock to the next tick at which any user's status changes",
        build: |_| op(Op::NextChange),
    },
    CommandSpec {
        name: "show",
        args: &[],
        help: "the clock and a table of every user",
        build: |_| Command::Show,
    },
    CommandSpec {
        name: "undo",
        args: &[],
        help: "take back the last change",
        build: |_| op(Op::Undo),
    },
    CommandSpec {
        name: "redo",
        args: &[],
        help: "do again the last change undone",
        build: |_| op(Op::Redo),
    },
    CommandSpec {
        name: "reset",
        args: &[],
        help: "back to the scenario as loaded (one step: undo takes it back)",
        build: |_| op(Op::Reset),
    },
    CommandSpec {
        name: "add",
        args: &[
            ("USER", Arg::User),
            ("TOKEN", Arg::Token),
            ("EXPIRY", Arg::Ticks),
        ],
        help: "add a user at the end",
        build: |v| {
            op(Op::Add {
                user: text(v, 0),
                token: text(v, 1),
                expiry: ticks(v, 2),
            })
        },
    },
    CommandSpec {
        name: "remove",
        args: &[("USER", Arg::User)],
        help: "remove a user",
        build: |v| op(Op::Remove(text(v, 0))),
    },
    CommandSpec {
        name: "set-expiry",
        args: &[("USER", Arg::User), ("EXPIRY", Arg::Ticks)],
        help: "change a user's expiry",
        build: |v| {
            op(Op::SetExpiry {
                user: text(v, 0),
                expiry: ticks(v, 1),
            })
        },
    },
    CommandSpec {
        name: "policy boundary",
        args: &[("lesson|rfc7519", Arg::Boundary)],
        help: "expired when expiry < now (lesson) or expiry <= now (RFC 7519)",
        build: |v| match v.first() {
            Some(Value::Boundary(b)) => op(Op::Policy(PolicyChange::Boundary(*b))),
            _ => op(Op::Policy(PolicyChange::Boundary(Boundary::Lesson))),
        },
    },
    CommandSpec {
        name: "policy early",
        args: &[("N", Arg::Ticks)],
        help: "refresh N ticks early: when expiry < now + N",
        build: |v| op(Op::Policy(PolicyChange::Early(ticks(v, 0)))),
    },
    CommandSpec {
        name: "policy leeway",
        args: &[("N", Arg::Ticks)],
        help: "a validator accepts a token N ticks past its expiry",
        build: |v| op(Op::Policy(PolicyChange::Leeway(ticks(v, 0)))),
    },
    CommandSpec {
        name: "policy ttl",
        args: &[("N", Arg::Ticks)],
        help: "a refreshed token expires N ticks after the refresh",
        build: |v| op(Op::Policy(PolicyChange::Ttl(ticks(v, 0)))),
    },
    CommandSpec {
        name: "steal",
        args: &[("USER", Arg::User)],
        help: "real-world model: an attacker copies USER's refresh token",
        build: |v| op(Op::Steal(text(v, 0))),
    },
    CommandSpec {
        name: "replay",
        args: &[("USER", Arg::User)],
        help: "real-world model: the attacker presents its copy (or the used refresh token)",
        build: |v| op(Op::Replay(text(v, 0))),
    },
    CommandSpec {
        name: "revoke",
        args: &[("USER", Arg::User)],
        help: "real-world model: the server revokes USER's refresh-token family",
        build: |v| op(Op::Revoke(text(v, 0))),
    },
    CommandSpec {
        name: "login",
        args: &[("USER", Arg::User)],
        help: "real-world model: a fresh access token and a new family",
        build: |v| op(Op::Login(text(v, 0))),
    },
    CommandSpec {
        name: "call",
        args: &[("USER", Arg::User), ("[CLIENT]", Arg::OptClient)],
        help: "real-world model: use USER's access token at an API now (200 or 401); with clients, the client refreshes first if its clock says so",
        build: |v| match given(v, 1) {
            Some(client) => clients(ClientOp::Call {
                user: text(v, 0),
                client,
            }),
            None => op(Op::Call(text(v, 0))),
        },
    },
    CommandSpec {
        name: "race",
        args: &[("USER", Arg::User)],
        help: "clients: every client of USER refreshes now with the refresh token it holds",
        build: |v| clients(ClientOp::Race(text(v, 0))),
    },
    CommandSpec {
        name: "lose",
        args: &[("USER", Arg::User), ("[CLIENT]", Arg::OptClient)],
        help: "clients: the client's next refresh succeeds at the server, but the answer is lost",
        build: |v| {
            clients(ClientOp::Lose {
                user: text(v, 0),
                client: given(v, 1),
            })
        },
    },
    CommandSpec {
        name: "skew",
        args: &[
            ("USER", Arg::User),
            ("CLIENT", Arg::Client),
            ("N", Arg::Offset),
        ],
        help: "clients: the client's clock runs N ticks ahead of the server (negative: behind)",
        build: |v| {
            clients(ClientOp::Skew {
                user: text(v, 0),
                client: text(v, 1),
                skew: match v.get(2) {
                    Some(Value::Offset(n)) => *n,
                    _ => 0,
                },
            })
        },
    },
    CommandSpec {
        name: "traffic",
        args: &[("on|off", Arg::OnOff)],
        help: "clients: every client calls the API every traffic-every ticks as the clock moves",
        build: |v| clients(ClientOp::Traffic(on(v))),
    },
    CommandSpec {
        name: "policy validator",
        args: &[("pyjwt|jsonwebtoken|spring|dotnet|lesson", Arg::Validator)],
        help: "real-world model: the library that judges access tokens at call",
        build: |v| match v.first() {
            Some(Value::Validator(x)) => model(ModelChange::Validator(*x)),
            _ => model(ModelChange::Validator(Validator::Lesson)),
        },
    },
    CommandSpec {
        name: "policy access",
        args: &[("jwt|opaque", Arg::Access)],
        help: "real-world model: access tokens checked locally (jwt) or introspected (opaque)",
        build: |v| match v.first() {
            Some(Value::Access(x)) => model(ModelChange::Access(*x)),
            _ => model(ModelChange::Access(AccessKind::Jwt)),
        },
    },
    CommandSpec {
        name: "policy rotation",
        args: &[("on|off", Arg::OnOff)],
        help: "real-world model: a new refresh token at each refresh",
        build: |v| model(ModelChange::Rotation(on(v))),
    },
    CommandSpec {
        name: "policy reuse-detection",
        args: &[("on|off", Arg::OnOff)],
        help: "real-world model: a used refresh token presented again revokes the family",
        build: |v| model(ModelChange::ReuseDetection(on(v))),
    },
    CommandSpec {
        name: "policy grace",
        args: &[("N", Arg::Ticks)],
        help: "real-world model: the previous refresh token is accepted while now < rotated + N",
        build: |v| model(ModelChange::Grace(ticks(v, 0))),
    },
    CommandSpec {
        name: "policy sender-constrained",
        args: &[("on|off", Arg::OnOff)],
        help: "real-world model: refresh tokens bound to the client's key (DPoP, mTLS)",
        build: |v| model(ModelChange::SenderConstrained(on(v))),
    },
    CommandSpec {
        name: "policy absolute",
        args: &[("N", Arg::Ticks)],
        help: "real-world model: refresh tokens die N ticks after login (0: never)",
        build: |v| model(ModelChange::Absolute(ticks(v, 0))),
    },
    CommandSpec {
        name: "policy idle",
        args: &[("N", Arg::Ticks)],
        help: "real-world model: refresh tokens die when unused N ticks (0: never)",
        build: |v| model(ModelChange::Idle(ticks(v, 0))),
    },
    CommandSpec {
        name: "policy cap-access",
        args: &[("on|off", Arg::OnOff)],
        help: "real-world model: a refreshed access token never outlives the absolute cap",
        build: |v| model(ModelChange::CapAccess(on(v))),
    },
    CommandSpec {
        name: "policy on-reuse",
        args: &[("family|newest-and-access", Arg::OnReuse)],
        help: "real-world model: what a detected reuse revokes (Auth0: family; Okta: newest-and-access)",
        build: |v| match v.first() {
            Some(Value::OnReuse(x)) => model(ModelChange::OnReuse(*x)),
            _ => model(ModelChange::OnReuse(OnReuse::Family)),
        },
    },
    CommandSpec {
        name: "policy single-flight",
        args: &[("on|off", Arg::OnOff)],
        help: "clients: clients sharing storage send one refresh request and share its answer",
        build: |v| model(ModelChange::SingleFlight(on(v))),
    },
    CommandSpec {
        name: "policy traffic-every",
        args: &[("N", Arg::Ticks)],
        help: "clients: with traffic on, each client calls every N ticks (1 or more)",
        build: |v| model(ModelChange::TrafficEvery(ticks(v, 0))),
    },
    CommandSpec {
        name: "save",
        args: &[("PATH", Arg::Path)],
        help: "write the current state as a scenario file",
        build: |v| Command::Save(PathBuf::from(text(v, 0))),
    },
    CommandSpec {
        name: "help",
        args: &[],
        help: "this list",
        build: |_| Command::Help,
    },
];

/// The commands, one a line (each ending in a newline), for `help` and `--help`.
pub fn help_text() -> String {
    let width = COMMANDS
        .iter()
        .map(|c| c.usage().chars().count())
        .max()
        .unwrap_or(0);
    COMMANDS
        .iter()
        .map(|c| format!("  {:width$}  {}\n", c.usage(), c.help))
        .collect()
}

/// The first words of every command (`refresh`, `policy`, ...), each once, for "did you mean".
pub fn first_words() -> impl Iterator<Item = &'static str> {
    let mut seen = Vec::new();
    COMMANDS.iter().filter_map(move |c| {
        let word = c.name.split(' ').next().unwrap_or(c.name);
        (!seen.contains(&word)).then(|| {
            seen.push(word);
            word
        })
    })
}

/// The second words of the commands that start with `first` (`boundary`, `early`, ...).
pub fn second_words(first: &str) -> impl Iterator<Item = &'static str> + '_ {
    COMMANDS.iter().filter_map(move |c| {
        let (a, b) = c.name.split_once(' ')?;
        (a == first).then_some(b)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::script::{Source, parse_script};
    use crate::tui::keymap::BINDINGS;
    use crate::tui::{Action, keymap};

    /// `reset` and `next-change` were added as one row each: the parser, `help` and the key
    /// table (and so the footer and the help overlay) all know them from those rows alone.
    #[test]
    fn an_operation_is_a_row_in_each_table() {
        for (name, op) in [("reset", Op::Reset), ("next-change", Op::NextChange)] {
            let lines = parse_script(name, Source::Exec).unwrap();
            assert_eq!(lines[0].command, Command::Op(op.clone()));
            assert!(
                help_text()
                    .lines()
                    .any(|l| l.trim_start().starts_with(name))
            );
            let binding = BINDINGS
                .iter()
                .find(|b| b.action == Action::Run(op.clone()));
            assert!(binding.is_some(), "{name} has a key");
            assert!(!keymap::keys_label(binding.unwrap()).is_empty());
        }
    }

    #[test]
    fn names_are_unique_and_first_words_suggest() {
        for (i, c) in COMMANDS.iter().enumerate() {
            assert!(
                COMMANDS[i + 1..].iter().all(|d| d.name != c.name),
                "{}",
                c.name
            );
        }
        assert_eq!(first_words().filter(|w| *w == "policy").count(), 1);
        assert_eq!(
            second_words("policy").collect::<Vec<_>>(),
            [
                "boundary",
                "early",
                "leeway",
                "ttl",
                "validator",
                "access",
                "rotation",
                "reuse-detection",
                "grace",
                "sender-constrained",
                "absolute",
                "idle",
                "cap-access",
                "on-reuse",
                "single-flight",
                "traffic-every"
            ]
        );
    }
}
