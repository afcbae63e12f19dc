//! Saving into a big template only the users that changed, without reading the template again
//! (issue 17: a save of 100,000 users after one refresh parsed 40 MB of TOML three times, the
//! template twice and the text written once). Each changed user's lines (its `[tokens]` entry, its `[family.NAME]` table,
//! its `[clients]` entry) and `current_time` are cut out of the text, edited as small documents
//! by the same code as the whole-file edit, and put back; every other byte is copied as it was.
//!
//! The check, and why it is as strong as reading the whole text back. The template reads as
//! [`Read::scenario`] (it was read by the loader when it was loaded, or when it was saved).
//! Before it is edited, the changed users' lines as they were are read by the loader on their
//! own (with `current_time` and the policy) and must give exactly those users' state: so
//! nothing else in the file adds to them (no sub-table elsewhere, no line cut in the middle of
//! a value). After, the new lines are read the same way and must give the state saved. A unit
//! is whole lines (a key and its value, a table up to the next header) that the TOML parser
//! reads on its own, so it cannot change how the lines around it read; the users, their order,
//! the policy and the lesson's keys are the same as the template's (else this gives up and the
//! whole file is edited and read back).

use super::{BigNumbers, edit_user, model, set_key, set_value};
use crate::domain::scenario::Scenario;
use crate::domain::settings::kinds::Entries;
use crate::domain::template::{Places, Read, UserPlaces};
use crate::files::clients::client_entries;
use crate::files::entries::family_entries;
use crate::files::save::write_policy;
use crate::files::scenario::parse_with_places;
use std::ops::Range;
use toml_edit::{DocumentMut, Item};

/// A splice pays per user changed what the whole-file edit pays per user; past one user in
/// this many the whole-file edit is as quick, and it is used.
const ONE_IN: usize = 4;

/// The key of `[family.NAME]` that a sub-table elsewhere in the file may hold without changing
/// the state read (`[family.NAME.counters]`: empty, or every count 0), so that the check of the
/// lines as they were cannot see it: when the table did not have it and some header line of the
/// file names it, it is not added here (it could be written twice). Any other sub-table
/// (`attacker`, `revoked`, `earlier`) always shows in the state, and a scalar cannot be added
/// to a table from outside its header.
const UNSEEN_KEY: &str = "counters";

/// `after` written into `text` (which reads as `read`) by replacing only what changed, and where
/// its entries now stand; `None` when this cannot be done by splicing (see the module's words),
/// and the caller edits the whole file.
pub fn splice(text: &str, read: &Read, after: &Scenario) -> Option<(String, Places)> {
    let (before, places) = (&read.scenario, &read.places);
    let users = after.tokens.len();
    if places.lesson
        || before.policy != after.policy
        || before.tokens.len() != users
        || places.users.len() != users
    {
        return None;
    }
    let clock_moved = before.now() != after.now();
    let mut changed = Vec::new();
    let pairs = before.tokens.users().zip(after.tokens.users());
    for (index, ((old_name, old), (new_name, new))) in pairs.enumerate() {
        if old_name != new_name {
            return None;
        }
        if old.token != new.token || old.model != new.model {
            changed.push(index);
        } else if clock_moved && new.model.is_some() && places.users[index].family.is_none() {
            // Logged in at `current_time` when read: the whole-file edit gives it a table.
            return None;
        }
        if changed.len() > users / ONE_IN + 1 {
            return None;
        }
    }
    let time = line_around(text, &places.current_time)?;
    let mut time_new = text.get(time.clone())?.to_owned();
    if clock_moved {
        time_new = edit_time(&time_new, after.now())?;
    }
    let mut units = Vec::with_capacity(changed.len());
    let whole = WholeText::new(text);
    for &index in &changed {
        let places = &places.users[index];
        units.push(UserUnits::edited(&whole, index, places, before, after)?);
    }
    let old_time = text.get(time.clone())?;
    let old_units = units
        .iter()
        .map(|u| u.parts(|part| text.get(part.range.clone()).unwrap_or_default()));
    let (old_mini, _) = mini(old_time, &before.policy, old_units);
    reads_as(&old_mini, before, &changed)?;
    let new_units = units.iter().map(|u| u.parts(|part| part.new.as_str()));
    let (new_mini, offsets) = mini(&time_new, &after.policy, new_units);
    let mini_places = reads_as(&new_mini, after, &changed)?;
    put_back(
        text,
        places,
        (time, time_new),
        units,
        &mini_places,
        &offsets,
    )
}

/// One part of a user's lines: where it stands in the template, and its new text.
struct Part {
    range: Range<usize>,
    new: String,
}

/// A changed user's lines.
struct UserUnits {
    index: usize,
    entry: Part,
    family: Option<Part>,
    clients: Option<Part>,
}

impl UserUnits {
    /// The user's lines, edited to hold its state in `after`.
    fn edited(
        whole: &WholeText,
        index: usize,
        places: &UserPlaces,
        before: &Scenario,
        after: &Scenario,
    ) -> Option<Self> {
        let (name, old) = before.tokens.user_at(index)?;
        let (_, new) = after.tokens.user_at(index)?;
        let text = whole.text;
        let range = line_around(text, &places.entry)?;
        let entry = Part {
            new: edit_entry(text.get(range.clone())?, name, old, new)?,
            range,
        };
        let family = match &places.family {
            None if old.model != new.model => return None,
            None => None,
            Some(header) => {
                let range = block_of(text, header)?;
                let unit = text.get(range.clone())?;
                let new_text = match new.model {
                    Some(model) if old.model != new.model => {
                        edit_family(whole, unit, name, &family_entries(model)?)?
                    }
                    _ => unit.to_owned(),
                };
                Some(Part {
                    range,
                    new: new_text,
                })
            }
        };
        let clients_of =
            |user: crate::domain::UserRef<'_>| user.model.map(client_entries).unwrap_or_default();
        let (old_clients, new_clients) = (clients_of(old), clients_of(new));
        let clients = match &places.clients {
            None if old_clients != new_clients => return None,
            None => None,
            Some(value) => {
                let range = line_around(text, value)?;
                let unit = text.get(range.clone())?;
                let new_text = if old_clients == new_clients {
                    unit.to_owned()
                } else if new_clients.is_empty() {
                    // The entry would go: the whole-file edit removes it.
                    return None;
                } else {
                    edit_clients(unit, name, &new_clients)?
                };
                Some(Part {
                    range,
                    new: new_text,
                })
            }
        };
        Some(Self {
            index,
            entry,
            family,
            clients,
        })
    }

    /// The texts of its parts, as `text_of` gives them.
    fn parts<'a>(&'a self, text_of: impl Fn(&'a Part) -> &'a str) -> [Option<&'a str>; 3] {
        [
            Some(text_of(&self.entry)),
            self.family.as_ref().map(&text_of),
            self.clients.as_ref().map(&text_of),
        ]
    }
}

/// The lines that hold `span`: from the start of its first line to the end of its last
/// (without the newline).
fn line_around(text: &str, span: &Range<usize>) -> Option<Range<usize>> {
    let start = text.get(..span.start)?.rfind('\n').map_or(0, |i| i + 1);
    let end = text
        .get(span.end..)?
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
    Some(start..end)
}

/// A table from its header line to the next header line (or the end of the text). A header
/// inside a multi-line string would cut it short: the loader's check of the lines as they were
/// then fails, and the whole file is edited instead.
fn block_of(text: &str, header: &Range<usize>) -> Option<Range<usize>> {
    let start = text.get(..header.start)?.rfind('\n').map_or(0, |i| i + 1);
    if !text.get(start..header.start)?.trim().is_empty() {
        return None;
    }
    let mut at = header.end;
    while let Some(newline) = text.get(at..)?.find('\n') {
        at += newline + 1;
        if text.get(at..)?.trim_start().starts_with('[') {
            return Some(start..at);
        }
    }
    Some(start..text.len())
}

/// A unit as a document of its own, given that it holds one key (`key`).
fn document<'a>(unit: &'a str, key: &str) -> Option<(DocumentMut, BigNumbers<'a>)> {
    let mut big = BigNumbers::new(unit);
    let doc = big.parse(unit)?;
    (doc.len() == 1 && doc.contains_key(key)).then_some((doc, big))
}

/// The edited document as the unit's text (without a newline the unit did not end with).
fn finish(doc: &DocumentMut, big: &BigNumbers, unit: &str) -> Option<String> {
    let mut out = big.restore(doc.to_string())?;
    if !unit.ends_with('\n') && out.ends_with('\n') {
        out.pop();
    }
    // A table's lines end before the next header: never glued to it.
    (!unit.ends_with('\n') || out.ends_with('\n')).then_some(out)
}

fn edit_time(unit: &str, now: u64) -> Option<String> {
    let (mut doc, mut big) = document(unit, "current_time")?;
    set_value(doc.get_mut("current_time")?, big.number(now)?)?;
    finish(&doc, &big, unit)
}

/// `name = { token = …, expiry = …, own settings }`.
fn edit_entry(
    unit: &str,
    name: &str,
    old: crate::domain::UserRef<'_>,
    new: crate::domain::UserRef<'_>,
) -> Option<String> {
    let (mut doc, mut big) = document(unit, name)?;
    doc.get(name)?.as_inline_table()?;
    if old.token != new.token {
        edit_user(doc.get_mut(name)?, &old.token, &new.token, &mut big)?;
    }
    let entry = doc.get_mut(name)?.as_table_like_mut()?;
    model::edit_overrides(entry, old.model, new.model, &mut big)?;
    finish(&doc, &big, unit)
}

/// `[family.NAME]` and its keys.
fn edit_family(whole: &WholeText, unit: &str, name: &str, entries: &Entries) -> Option<String> {
    let (mut doc, mut big) = document(unit, "family")?;
    let families = doc.get_mut("family")?.as_table_mut()?;
    let table = families.get(name).and_then(Item::as_table)?;
    let adds_unseen = entries
        .iter()
        .any(|(key, _)| *key == UNSEEN_KEY && !table.contains_key(key));
    if families.len() != 1 || adds_unseen && whole.names_unseen_key() {
        return None;
    }
    model::write_family(families, name, entries, &mut big)?;
    finish(&doc, &big, unit)
}

/// The template, and whether a line of it that starts with `[` (a header, or a line of a
/// multi-line value) names [`UNSEEN_KEY`]: looked for once a save, when needed.
struct WholeText<'a> {
    text: &'a str,
    names: std::cell::OnceCell<bool>,
}

impl<'a> WholeText<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            names: std::cell::OnceCell::new(),
        }
    }

    fn names_unseen_key(&self) -> bool {
        *self.names.get_or_init(|| {
            self.text
                .lines()
                .any(|line| line.trim_start().starts_with('[') && line.contains(UNSEEN_KEY))
        })
    }
}

/// `name = [{ name = "tab1" }, …]` in `[clients]`.
fn edit_clients(unit: &str, name: &str, clients: &[Entries]) -> Option<String> {
    let (mut doc, mut big) = document(unit, name)?;
    doc.get(name)?.as_value()?;
    let value = model::clients_value(clients, &mut big)?;
    set_key(doc.as_table_mut(), name, value)?;
    finish(&doc, &big, unit)
}

/// Where each user's parts start in a small scenario made of them.
type Offsets = Vec<[Option<usize>; 3]>;

/// A scenario file of `current_time`'s line, the policy and the users' parts: what the loader
/// reads to check them.
fn mini<'a>(
    time: &str,
    policy: &crate::domain::Policy,
    users: impl Iterator<Item = [Option<&'a str>; 3]> + Clone,
) -> (String, Offsets) {
    let mut out = format!("{time}\n");
    // Writing to a String cannot fail.
    let _ = write_policy(&mut out, policy);
    let mut offsets: Offsets = Vec::new();
    out.push_str("[tokens]\n");
    for [entry, _, _] in users.clone() {
        offsets.push([Some(out.len()), None, None]);
        out.push_str(entry.unwrap_or_default());
        out.push('\n');
    }
    for (k, [_, family, _]) in users.clone().enumerate() {
        if let Some(family) = family {
            out.push('\n');
            offsets[k][1] = Some(out.len());
            out.push_str(family);
            if !family.ends_with('\n') {
                out.push('\n');
            }
        }
    }
    let mut header = false;
    for (k, [_, _, clients]) in users.enumerate() {
        if let Some(clients) = clients {
            if !header {
                out.push_str("\n[clients]\n");
                header = true;
            }
            offsets[k][2] = Some(out.len());
            out.push_str(clients);
            out.push('\n');
        }
    }
    (out, offsets)
}

/// The small scenario `mini` read by the loader: it must hold the users at `indices` of
/// `scenario` as `scenario` holds them, at its time. Returns where its entries stand.
fn reads_as(mini: &str, scenario: &Scenario, indices: &[usize]) -> Option<Places> {
    let (read, places) = parse_with_places(mini, "saved").ok()?;
    if read.now() != scenario.now()
        || read.policy != scenario.policy
        || read.tokens.len() != indices.len()
    {
        return None;
    }
    for ((name, user), &index) in read.tokens.users().zip(indices) {
        let (want_name, want) = scenario.tokens.user_at(index)?;
        if name != want_name || user.token != want.token || user.model != want.model {
            return None;
        }
    }
    Some(places)
}

/// A part to put back: where it was, its new text, and whose it is (the user's index in the
/// scenario and in the check's text, and which of its parts); `None` for `current_time`'s line.
type Placed = (Range<usize>, String, Option<(usize, usize, usize)>);

/// The text with the new parts in place of the old, and where every entry now stands: a
/// changed user's as the check read them, every other moved by what the parts before it grew
/// or shrank.
fn put_back(
    text: &str,
    places: &Places,
    time: (Range<usize>, String),
    units: Vec<UserUnits>,
    mini_places: &Places,
    offsets: &Offsets,
) -> Option<(String, Places)> {
    let mut parts: Vec<Placed> = Vec::new();
    parts.push((time.0, time.1, None));
    for (k, unit) in units.into_iter().enumerate() {
        let UserUnits {
            index,
            entry,
            family,
            clients,
        } = unit;
        for (which, part) in [Some(entry), family, clients].into_iter().enumerate() {
            if let Some(part) = part {
                parts.push((part.range, part.new, Some((index, k, which))));
            }
        }
    }
    parts.sort_by_key(|(range, _, _)| range.start);
    if parts.windows(2).any(|w| w[0].0.end > w[1].0.start) {
        return None;
    }
    let grown: usize = parts.iter().map(|(_, new, _)| new.len()).sum();
    let cut: usize = parts.iter().map(|(range, _, _)| range.len()).sum();
    let mut out = String::with_capacity((text.len() + grown).saturating_sub(cut));
    // Where each part ends in the template, and how far the text after it has moved.
    let mut moved: Vec<(usize, isize)> = Vec::with_capacity(parts.len());
    let mut shift: isize = 0;
    let mut written_to = 0;
    let mut time_at = 0;
    // Each user's part: (index, which part, where the check read it, where it is now).
    let mut found = Vec::new();
    for (range, new, from) in &parts {
        out.push_str(text.get(written_to..range.start)?);
        match *from {
            Some((index, k, which)) => {
                let mini_at = offsets.get(k)?.get(which).copied().flatten()?;
                found.push((index, k, which, mini_at, out.len()));
            }
            None => time_at = out.len(),
        }
        out.push_str(new);
        written_to = range.end;
        shift += new.len() as isize - range.len() as isize;
        moved.push((range.end, shift));
    }
    out.push_str(text.get(written_to..)?);
    let shifted = |span: &Range<usize>| -> Range<usize> {
        let before = moved.partition_point(|(end, _)| *end <= span.start);
        let by = before.checked_sub(1).map_or(0, |i| moved[i].1);
        span.start.saturating_add_signed(by)..span.end.saturating_add_signed(by)
    };
    // The time line is the first line of the check's text.
    let time_span = &mini_places.current_time;
    let mut new_places = Places {
        current_time: time_at + time_span.start..time_at + time_span.end,
        users: places
            .users
            .iter()
            .map(|user| UserPlaces {
                entry: shifted(&user.entry),
                family: user.family.as_ref().map(shifted),
                clients: user.clients.as_ref().map(shifted),
            })
            .collect(),
        lesson: places.lesson,
    };
    for (index, k, which, mini_at, file_at) in found {
        let read = mini_places.users.get(k)?;
        let span = match which {
            0 => Some(&read.entry),
            1 => read.family.as_ref(),
            _ => read.clients.as_ref(),
        }?;
        let span =
            span.start.checked_sub(mini_at)? + file_at..span.end.checked_sub(mini_at)? + file_at;
        let user = new_places.users.get_mut(index)?;
        match which {
            0 => user.entry = span,
            1 => user.family = Some(span),
            _ => user.clients = Some(span),
        }
    }
    Some((out, new_places))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Op, Session};
    use crate::files::edit::edit_toml;
    use crate::files::save::scenario_text;
    use crate::files::scenario::read_template;

    /// A class mid-story, with comments, an awkward name, a user's own setting, clients.
    const CLASS: &str = r#"# a class
current_time = 400   # now

[refresh]
ttl = 300

[oauth]

[tokens]
# first
a     = { token = "at-a-2", expiry = 600 }   # a's
b     = { token = "at-b-1", expiry = 500, grace = 5 }
"c.d" = { token = "at-c.d-1", expiry = 900 }
e     = { token = "at-e-1", expiry = 900 }

[family.a]
login = 0
generation = 2
refresh = "rt-a-2"
previous = "rt-a-1"
rotated_at = 300
used = ["rt-a-1"]
last_use = 300

# b's story
[family.b]
login = 0
refresh = "rt-b-1"

[family."c.d"]
login = 0
refresh = "rt-c.d-1"  # c's

[family.e]
login = 0
refresh = "rt-e-1"

[clients]
a = [{ name = "tab1" }, { name = "tab2" }]
"c.d" = [
  { name = "t" },
]
e = [{ name = "tab1" }]
"#;

    /// Runs `ops` one at a time from `text`, saving after each: the splice (when it applies)
    /// writes what the whole-file edit writes, and the loader finds its entries where it says.
    fn saves_as_the_whole_file_edit(text: &str, ops: &[Op]) -> usize {
        let (scenario, mut template) = read_template(text, "class.toml").unwrap();
        let mut session = Session::batch(scenario);
        let mut spliced = 0;
        for op in ops {
            if session.apply(op).is_err() {
                continue;
            }
            let after = session.scenario();
            let read = template.read.as_deref().unwrap();
            let whole = edit_toml(&template.text, after);
            let Some((text, places)) = splice(&template.text, read, after) else {
                let written = scenario_text(after, Some(&template.text));
                template = read_template(written, "class.toml").unwrap().1;
                continue;
            };
            spliced += 1;
            assert_eq!(Some(&text), whole.as_ref(), "after {op:?}");
            let (reread, found) = parse_with_places(&text, "saved").unwrap();
            assert!(reread.holds_the_same_as(after), "after {op:?}");
            assert_eq!(places, found, "after {op:?}");
            template = crate::domain::template::Template::read(text, after.clone(), places);
        }
        spliced
    }

    #[test]
    fn a_splice_writes_what_the_whole_file_edit_writes() {
        let ops = [
            Op::Refresh("a".into()),
            Op::Advance(200),
            Op::Refresh("b".into()),
            Op::Refresh("c.d".into()),
            Op::Steal("e".into()),
            Op::Refresh("e".into()),
            Op::Call("a".into()),
            Op::Revoke("b".into()),
            Op::Advance(50_000),
            Op::Logout("a".into()),
            Op::Login("a".into()),
            Op::Refresh("a".into()),
        ];
        let spliced = saves_as_the_whole_file_edit(CLASS, &ops);
        assert!(spliced >= 5, "only {spliced} of the saves were spliced");
    }

    /// One user's operation, by the user's place and a number.
    fn user_op(s: &Session, user: usize, op: u8) -> Op {
        let tokens = &s.scenario().tokens;
        let user = tokens.get_index(user % tokens.len()).unwrap().0.to_owned();
        match op {
            0 => Op::Refresh(user),
            1 => Op::Steal(user),
            2 => Op::Replay(user),
            3 => Op::Revoke(user),
            4 => Op::Login(user),
            5 => Op::Logout(user),
            6 => Op::Race(user),
            _ => Op::Call(user),
        }
    }

    proptest::proptest! {
        /// Whatever a few operations did, each save spliced writes what the whole-file edit
        /// writes, and says where the loader finds each entry.
        #[test]
        fn any_save_spliced_is_the_whole_file_edit(
            template in proptest::prop_oneof![
                proptest::strategy::Just(CLASS),
                proptest::strategy::Just(include_str!("../../../assets/rotation.toml")),
                proptest::strategy::Just(include_str!("../../../assets/revoke.toml")),
                proptest::strategy::Just(include_str!("../../../assets/keycloak.toml")),
            ],
            steps in proptest::collection::vec((0u64..900, 0usize..8, 0u8..8), 1..12),
        ) {
            let (scenario, _) = read_template(template, "t.toml").unwrap();
            let mut session = Session::batch(scenario);
            let mut ops = Vec::new();
            for (advance, user, op) in steps {
                let op = match advance % 3 {
                    0 => Op::Advance(advance),
                    _ => user_op(&session, user, op),
                };
                if session.apply(&op).is_ok() {
                    ops.push(op);
                }
            }
            saves_as_the_whole_file_edit(template, &ops);
        }
    }

    #[test]
    fn numbers_past_i64_are_spliced_as_the_whole_file_edit_writes_them() {
        let big = CLASS
            .replace("current_time = 400", "current_time = 9223372036854775000")
            .replace("expiry = 900", "expiry = 18446744073709551615");
        let ops = [
            Op::Refresh("a".into()),
            Op::Advance(10_000),
            Op::Refresh("b".into()),
            Op::Steal("e".into()),
        ];
        let spliced = saves_as_the_whole_file_edit(&big, &ops);
        assert!(spliced >= 3, "only {spliced} of the saves were spliced");
    }

    #[test]
    fn a_splice_gives_up_where_its_check_cannot_vouch_for_the_file() {
        let (scenario, template) = read_template(CLASS, "class.toml").unwrap();
        let read = template.read.as_deref().unwrap();
        // More than one user in four changed.
        let mut all = Session::batch(scenario.clone());
        all.apply(&Op::Advance(1000)).unwrap();
        for name in ["a", "b", "c.d"] {
            all.apply(&Op::Refresh(name.into())).unwrap();
        }
        assert!(splice(&template.text, read, all.scenario()).is_none());
        // A user removed: the whole-file edit removes its lines.
        let mut fewer = Session::batch(scenario.clone());
        fewer.apply(&Op::Remove("b".into())).unwrap();
        assert!(splice(&template.text, read, fewer.scenario()).is_none());
        // A sub-table of e's family elsewhere in the file: e's table read alone is not e.
        let apart = CLASS.replace("[clients]", "[family.e.counters]\nserved = 3\n\n[clients]");
        let (scenario, template) = read_template(apart, "class.toml").unwrap();
        let mut session = Session::batch(scenario);
        session.apply(&Op::Advance(1000)).unwrap();
        session.apply(&Op::Refresh("e".into())).unwrap();
        let read = template.read.as_deref().unwrap();
        assert!(splice(&template.text, read, session.scenario()).is_none());
        assert!(edit_toml(&template.text, session.scenario()).is_some());
        // An empty one the state cannot show: the splice does not write e's counters beside it.
        let empty = CLASS.replace("[clients]", "[family.e.counters]\n\n[clients]");
        let (scenario, template) = read_template(empty, "class.toml").unwrap();
        let read = template.read.as_deref().unwrap();
        let mut session = Session::batch(scenario);
        session.apply(&Op::Advance(1000)).unwrap();
        session.apply(&Op::Call("e".into())).unwrap();
        let e_counts = |s: &Scenario| s.tokens.user("e").and_then(|u| u.model).unwrap().counters;
        assert_ne!(e_counts(session.scenario()), Default::default());
        assert!(splice(&template.text, read, session.scenario()).is_none());
        // Without it, the same save is spliced.
        let ops = [Op::Advance(1000), Op::Call("e".into())];
        assert_eq!(saves_as_the_whole_file_edit(CLASS, &ops), 2);
    }
}
