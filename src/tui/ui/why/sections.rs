//! What the why panel says about the selected user, one section per kind of outcome: the
//! lesson's refresh decision (its `refresh_token` as pseudocode with the user's numbers), the
//! server's answer to a refresh or a replay (its checks in order), a call (every validator side
//! by side, or the introspection answer), a race of clients, and otherwise the user's clients
//! or family. The words come from the one formatter ([`crate::words`],
//! [`crate::words::explain`]); this only says which to show and how each line looks.

use crate::domain::Outcome;
use crate::domain::oauth::{AccessKind, ModelReport, ReplayReport, TokenTimes};
use crate::domain::phase::Judge;
use crate::tui::app::App;
use crate::words::clients;
use crate::words::explain::{Explanation, LineRole, branch_state, explain, explain_now, why_title};
use crate::words::oauth_panels::{
    NOT_APPLICABLE, PanelText, family_view, introspection_view, server_view, still_valid_view,
    validators_view,
};

pub use crate::words::explain::{RAN, WOULD_RUN};
/// The lesson's name for the clock, and the shorter one used when it saves rows.
const CURRENT_TIME: &str = "current_time";
const SHORT_CURRENT_TIME: &str = "now";

/// How a line looks: its marker in the gutter and its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    Plain,
    Condition,
    /// The branch that would run now (`▷`).
    WouldRun,
    /// The branch that ran, or the line that matters (`▶`).
    Ran,
    /// The branch that does not run.
    Inactive,
    /// A question is open: which branch runs is not shown (`?`).
    Hidden,
}

impl Look {
    pub fn gutter(self) -> &'static str {
        match self {
            Look::WouldRun => WOULD_RUN,
            Look::Ran => RAN,
            Look::Hidden => super::super::table::HIDDEN,
            Look::Plain | Look::Condition | Look::Inactive => " ",
        }
    }
}

/// Which lines a panel short of rows leaves out, and in which order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// Never left out (the lesson's code, a verdict, the first line).
    Always,
    /// Left out first: the lesson's `def` line (the title then names the function), a rule
    /// the server passed over.
    Optional,
    /// Left out next, from the end.
    Droppable,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanelLine {
    pub text: String,
    /// The same line with shorter names (`now` for `current_time`), used in every line when
    /// that saves rows.
    pub short: Option<String>,
    pub look: Look,
    pub keep: Keep,
}

/// The panel for the selected user, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Panel {
    /// The title; its ` · ` parts are dropped from the end when it is too long.
    pub title: String,
    /// The title when an optional line is left out and the title must say what it said.
    pub title_without_optional: Option<String>,
    /// On the right of the top border: which kind of highlight is shown.
    pub state: Option<String>,
    pub lines: Vec<PanelLine>,
}

/// The panel for the selected user, or `None` when there are no users.
pub fn panel(app: &App) -> Option<Panel> {
    let index = app.selected();
    let scenario = app.scenario();
    let (name, user) = scenario.tokens.user_at(index)?;
    // Without the real-world model the lesson's rule decides, and its code explains.
    let Some(knobs) = scenario.knobs_of(user) else {
        return Some(lesson(app, name));
    };
    let boundary = scenario.policy.boundary;
    let text = if let Some(outcome) = app.last_outcome(index) {
        match outcome {
            Outcome::Server { decision, server } => {
                server_view(name, Some(decision), server, boundary)
            }
            Outcome::Refreshed { .. } | Outcome::StillValid { .. } => {
                still_valid_view(name, outcome.decision())
            }
        }
    } else if let Some(report) = app.last_model_report(index) {
        match report {
            ModelReport::Replay(ReplayReport::Decided { decision, .. }) => {
                server_view(name, None, decision, boundary)
            }
            ModelReport::Call(call) if call.access == AccessKind::Opaque => {
                introspection_view(call, scenario.now())
            }
            ModelReport::Call(_) => validators_view(
                user.token.value,
                TokenTimes::new(user.token.expiry, user.issued_at()),
                scenario.now(),
                &scenario.policy,
                Judge::of(Some(&knobs)),
            ),
            ModelReport::Replay(ReplayReport::NothingToReplay)
            | ModelReport::Steal(_)
            | ModelReport::Revoke(_)
            | ModelReport::Login(_)
            | ModelReport::Logout(_)
            | ModelReport::RevokeAll(_) => idle(app, name, user, &knobs)?,
        }
    } else if let Some(round) = app.last_round(index) {
        clients::round_view(name, round, boundary)
    } else {
        idle(app, name, user, &knobs)?
    };
    Some(from_words(text))
}

/// Nothing just happened to the user: their clients, or their family.
fn idle(
    app: &App,
    name: &str,
    user: crate::domain::user_state::UserRef<'_>,
    knobs: &crate::domain::oauth::Knobs,
) -> Option<PanelText> {
    let scenario = app.scenario();
    let model = user.model?;
    if !model.clients.is_empty() {
        let traffic = scenario.policy.model.as_deref().filter(|m| m.traffic);
        return Some(clients::clients_view(
            name,
            model,
            knobs,
            traffic.map(|m| m.traffic_every),
        ));
    }
    Some(family_view(name, model, knobs, login_key().as_deref()))
}

/// The key that logs in (the registry's `login` entry), for the family view's hint.
fn login_key() -> Option<String> {
    // Found at compile time: a renamed entry does not compile.
    let keys = const { crate::registry::spec("login") }.keys?;
    keys.keys.first().map(crate::registry::Key::label)
}

/// A real-world panel's words: the marked lines (the verdict, the attacker) and the first
/// are kept; a rule that did not apply is left out first, then other lines from the end.
fn from_words(text: PanelText) -> Panel {
    let lines = text
        .lines
        .into_iter()
        .enumerate()
        .map(|(i, (text, marked))| {
            let keep = if marked || i == 0 {
                Keep::Always
            } else if text.ends_with(NOT_APPLICABLE) {
                Keep::Optional
            } else {
                Keep::Droppable
            };
            PanelLine {
                text,
                short: None,
                look: if marked { Look::Ran } else { Look::Plain },
                keep,
            }
        })
        .collect();
    Panel {
        title: text.title,
        title_without_optional: None,
        state: None,
        lines,
    }
}

/// The lesson's explanation for the selected user: of the refresh that just ran for them (the
/// decision it carried), or of what the rule decides now.
struct LessonView {
    explanation: Explanation,
    /// `Some(t)`: `refresh_token` just ran for the user at `t`, and the explanation is of that
    /// run (after a refresh: the old expiry against that time, not the new token).
    ran_at: Option<u64>,
    /// A question is open: which branch would run is not marked (`?` on both).
    hidden: bool,
}

fn lesson_view(app: &App, name: &str) -> Option<LessonView> {
    let index = app.selected();
    let scenario = app.scenario();
    let (_, user) = scenario.tokens.user_at(index)?;
    let policy = &scenario.policy;
    if let Some(outcome) = app.last_outcome(index) {
        let decision = outcome.decision();
        let new_expiry = match outcome {
            Outcome::Refreshed { new_expiry, .. } => *new_expiry,
            Outcome::StillValid { .. } | Outcome::Server { .. } => policy.new_expiry(decision.now),
        };
        return Some(LessonView {
            explanation: explain(name, decision, &policy.new_token, new_expiry),
            ran_at: Some(decision.now),
            hidden: false,
        });
    }
    // Refresh all: a refreshed user's decision was made on the token it replaced, at that tick.
    if app.was_just_refreshed(index)
        && let Some(past) = user.last_replaced()
    {
        return Some(LessonView {
            explanation: explain_now(policy, name, past.expiry, past.replaced_at),
            ran_at: Some(past.replaced_at),
            hidden: false,
        });
    }
    let ran = app.was_just_checked(index);
    Some(LessonView {
        explanation: explain_now(policy, name, user.token.expiry, scenario.now()),
        ran_at: ran.then(|| scenario.now()),
        hidden: !ran && app.hides_answers(),
    })
}

/// Whether a line belongs to the branch that runs (or ran).
fn in_active_branch(role: LineRole, refreshes: bool) -> bool {
    match role {
        LineRole::RefreshBranch => refreshes,
        LineRole::ElseKeyword | LineRole::StillValidBranch => !refreshes,
        LineRole::Header | LineRole::Condition => false,
    }
}

fn lesson(app: &App, name: &str) -> Panel {
    let Some(view) = lesson_view(app, name) else {
        return Panel {
            title: why_title(None),
            title_without_optional: None,
            state: None,
            lines: Vec::new(),
        };
    };
    let refreshes = view.explanation.refreshes;
    let lines = view
        .explanation
        .lines
        .into_iter()
        .map(|line| {
            let in_a_branch =
                in_active_branch(line.role, true) || in_active_branch(line.role, false);
            let look = match line.role {
                // Both branches alike: neither is marked as the one that would run.
                _ if view.hidden && in_a_branch => Look::Hidden,
                _ if in_active_branch(line.role, refreshes) => match view.ran_at {
                    Some(_) => Look::Ran,
                    None => Look::WouldRun,
                },
                LineRole::Header => Look::Plain,
                LineRole::Condition => Look::Condition,
                LineRole::RefreshBranch | LineRole::ElseKeyword | LineRole::StillValidBranch => {
                    Look::Inactive
                }
            };
            let short = line.text.replace(CURRENT_TIME, SHORT_CURRENT_TIME);
            PanelLine {
                short: (short != line.text).then_some(short),
                text: line.text,
                look,
                keep: if line.role == LineRole::Header {
                    Keep::Optional
                } else {
                    Keep::Always
                },
            }
        })
        .collect();
    let state = branch_state(view.ran_at, view.hidden);
    Panel {
        title: why_title(None),
        title_without_optional: Some(why_title(Some(name))),
        state: Some(state),
        lines,
    }
}
