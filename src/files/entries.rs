//! The model's state as key–value lists (the settings' entries are the table's,
//! `files::settings`), which the fresh writer (`files::save`) and the
//! in-place editor (`files::edit`) both render, so the two never disagree about the format.

use crate::domain::clients::Counters;
use crate::domain::oauth::family::{Family, UserModel};
use crate::domain::settings::kinds::{Entries, Val};

fn s(v: &str) -> Val {
    Val::Str(v.to_owned())
}

/// `[family.USER]`: the whole state of a user's story: the current family (without `login`
/// and `refresh` when not logged in), the client's token, the attacker, the counters, and
/// `earlier`, the earlier families.
pub fn family_entries(m: &UserModel) -> Option<Entries> {
    let mut out = Vec::new();
    if let Some(f) = &m.family {
        out.push(("login", Val::Tick(f.login_at)));
        out.push(("generation", Val::Tick(f.generation)));
        out.push(("refresh", s(&f.current)));
        out.push(("client", s(&m.client)));
        family_state(f, &mut out);
    }
    if let Some(at) = m.access_revoked_at {
        out.push(("access_revoked_at", Val::Tick(at)));
    }
    out.push(("refresh_issued", Val::Tick(m.refresh_issued)));
    out.push(("access_issued", Val::Tick(m.access_issued)));
    if let Some(a) = &m.attacker {
        let mut t = vec![
            ("refresh", s(&a.refresh)),
            ("stolen_at", Val::Tick(a.stolen_at)),
        ];
        if let Some(access) = &a.access {
            t.push(("access", s(&access.value)));
            t.push(("expiry", Val::Tick(access.expiry)));
        }
        out.push(("attacker", Val::Table(t)));
    }
    if let Some(counters) = counters_entry(&m.counters) {
        out.push(("counters", counters));
    }
    if !m.earlier.is_empty() {
        let tables = m
            .earlier
            .iter()
            .map(|f| {
                let mut t = vec![
                    ("login", Val::Tick(f.login_at)),
                    ("generation", Val::Tick(f.generation)),
                    ("refresh", s(&f.current)),
                ];
                family_state(f, &mut t);
                t
            })
            .collect();
        out.push(("earlier", Val::Tables(tables)));
    }
    Some(out)
}

/// A family's keys after its login, generation and current token; the issue times only when
/// they are not what loading would assume (`issued_at`: the last rotation or the login;
/// `used_issued`: the login).
fn family_state(f: &Family, out: &mut Entries) {
    let assumed_issue = f.previous.as_ref().map_or(f.login_at, |p| p.rotated_at);
    if f.issued_at != assumed_issue {
        out.push(("issued_at", Val::Tick(f.issued_at)));
    }
    if let Some(p) = &f.previous {
        out.push(("previous", s(&p.value)));
        out.push(("rotated_at", Val::Tick(p.rotated_at)));
        if p.reuses > 0 {
            out.push(("reuses", Val::Tick(p.reuses)));
        }
    }
    out.push((
        "used",
        Val::Strs(f.used.iter().map(|u| u.to_string()).collect()),
    ));
    if f.used_issued.iter().any(|&t| t != f.login_at) {
        out.push(("used_issued", Val::Ticks(f.used_issued.to_vec())));
    }
    out.push(("last_use", Val::Tick(f.last_use)));
    if let Some(r) = f.revoked {
        out.push((
            "revoked",
            Val::Table(vec![("at", Val::Tick(r.at)), ("why", s(r.why.name()))]),
        ));
    }
}

/// `counters = { ... }` for `[family.USER]`, when any is above zero.
fn counters_entry(c: &Counters) -> Option<Val> {
    (!c.is_zero()).then(|| {
        Val::Table(vec![
            ("served", Val::Tick(c.served)),
            ("unauthorized", Val::Tick(c.unauthorized)),
            ("refreshes", Val::Tick(c.refreshes)),
            ("forced_logins", Val::Tick(c.forced_logins)),
            ("skipped", Val::Tick(c.skipped)),
        ])
    })
}

/// A value as TOML text; `quote` writes a basic string.
pub fn render(v: &Val, quote: &dyn Fn(&str) -> String) -> String {
    match v {
        Val::Tick(n) => n.to_string(),
        Val::Int(n) => n.to_string(),
        Val::Bool(b) => b.to_string(),
        Val::Str(t) => quote(t),
        Val::Strs(list) => {
            let items: Vec<String> = list.iter().map(|t| quote(t)).collect();
            format!("[{}]", items.join(", "))
        }
        Val::Ticks(list) => {
            let items: Vec<String> = list.iter().map(u64::to_string).collect();
            format!("[{}]", items.join(", "))
        }
        Val::Table(entries) => {
            let items: Vec<String> = entries
                .iter()
                .map(|(k, v)| format!("{k} = {}", render(v, quote)))
                .collect();
            format!("{{ {} }}", items.join(", "))
        }
        Val::Tables(tables) => {
            let items: Vec<String> = tables
                .iter()
                .map(|t| render(&Val::Table(t.clone()), quote))
                .collect();
            format!("[{}]", items.join(", "))
        }
    }
}
