//! The one command table (as helix's typed commands): every scripted command is one row here,
//! and parsing, `help`, `--help` and "did you mean" all read it.

use super::commands::*;
use crate::domain::clients::ClientOp;
use crate::domain::oauth::{AccessKind, ModelChange, OnReuse, Validator};
use crate::domain::{Boundary, Op, PolicyChange};
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
        // The hint is every name in the validators table (`commands::shown`).
        args: &[("VALIDATOR", Arg::Validator)],
        help: "real-world model: the library that judges access tokens at call",
        build: |v| match v.first() {
            Some(Value::Validator(x)) => model(ModelChange::Validator(*x)),
            _ => model(ModelChange::Validator(Validator::LESSON)),
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
