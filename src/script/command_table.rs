//! The one command table (as helix's typed commands): every scripted command is one row here,
//! and parsing, `help`, `--help` and "did you mean" all read it.

use super::commands::*;
use crate::domain::Op;
use crate::domain::clients::ClientOp;
use std::path::PathBuf;

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
        name: "token",
        args: &[("USER", Arg::User)],
        help: "print USER's whole access token (with [oauth] jwt, a signed JWT to paste into jwt.io or PyJWT)",
        build: |v| Command::Token(text(v, 0)),
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
        name: "policy",
        args: &[("NAME VALUE [--user USER]", Arg::Policy)],
        help: "set a setting, for everyone or for one user (one line per setting)",
        build: |v| match v.first() {
            Some(Value::Policy(change)) => op(Op::Policy(change.clone())),
            _ => Command::Help,
        },
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
        help: "real-world model: a fresh access token and a new family (earlier families stay as they are)",
        build: |v| op(Op::Login(text(v, 0))),
    },
    // New in the model branch (issue 16): logout and revoke-all, story events like login.
    CommandSpec {
        name: "logout",
        args: &[("USER", Arg::User)],
        help: "real-world model: USER's client revokes its refresh token (RFC 7009) and logs out",
        build: |v| op(Op::Logout(text(v, 0))),
    },
    CommandSpec {
        name: "revoke-all",
        args: &[("USER", Arg::User)],
        help: "real-world model: sign out everywhere: every family of USER is revoked",
        build: |v| op(Op::RevokeAll(text(v, 0))),
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
        name: "save",
        args: &[("PATH", Arg::Path)],
        help: "write the current state as a scenario file",
        build: |v| Command::Save(PathBuf::from(text(v, 0))),
    },
    CommandSpec {
        name: "save --no-steps",
        args: &[("PATH", Arg::Path)],
        help: "a lesson's current state as a plain scenario file, without its steps",
        build: |v| Command::SaveNoSteps(PathBuf::from(text(v, 0))),
    },
    CommandSpec {
        name: "help",
        args: &[],
        help: "this list",
        build: |_| Command::Help,
    },
];
