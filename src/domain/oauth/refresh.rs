//! The server's side of a refresh, in the issue's order, as a value: each check with its numbers,
//! then the verdict. (Step 1, the client's own decision to refresh, is the lesson's `Decision`.)
//!
//! 2. family revoked → fails; 3. absolute or idle lifetime over → fails and revokes the family;
//! 4. the current refresh token → a new access token (and, with rotation, a new refresh token);
//! 5. the previous one inside the grace period → accepted: a new access token and the family's
//!    current refresh token (no new rotation); 6. a used one with reuse detection → the family is
//!    revoked. A sender-constrained family refuses a copy presented without the client's key
//!    before any of these, and is left alone.

use super::family::{Previous, Revocation, RevokeWhy, UserModel};
use super::knobs::{Knobs, OnReuse};
use super::signed::{AccessClaims, JwtSigning};
use crate::domain::decision::Sum;
use crate::domain::policy::{Boundary, NewToken, Policy};
use crate::domain::random::Random;
use crate::domain::token_store::Token;

/// Who presents the refresh token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presenter {
    Client,
    Attacker,
}

/// One check the server made, with its numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// Passes when the family is not revoked.
    Revoked(Option<Revocation>),
    /// Sender-constrained: only the client has the key.
    Bound { has_key: bool },
    /// `login + absolute` against now (under the boundary).
    Absolute {
        login_at: u64,
        absolute: u64,
        over: bool,
    },
    /// `last use + idle` against now.
    Idle {
        last_use: u64,
        idle: u64,
        over: bool,
    },
    /// Is the presented token the family's current one?
    Current { current: String, matches: bool },
    /// The previous token: `now < rotated_at + grace`.
    Grace {
        previous: Previous,
        grace: u64,
        inside: bool,
    },
    /// A rotated-out token, and whether reuse detection is on.
    Used { reuse_detection: bool },
}

/// What a successful refresh issued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issued {
    pub access: Token,
    /// `now + ttl`, exactly.
    pub expiry: Sum,
    /// The absolute cap that cut the access token short, if it did.
    pub capped_to: Option<u64>,
    /// The refresh token the presenter holds now.
    pub refresh: String,
    /// A new refresh token was issued (rotation).
    pub rotated: bool,
    /// Served inside the grace period with the previous token.
    pub via_grace: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    NotLoggedIn,
    Revoked(Revocation),
    NoKey,
    Absolute {
        deadline: u64,
    },
    Idle {
        last_use: u64,
        deadline: u64,
    },
    /// A used token presented again: the family was revoked now.
    ReuseDetected {
        token: String,
        at: u64,
    },
    /// A rotated-out token with reuse detection off: refused, the family left alone.
    UsedToken {
        token: String,
    },
    /// Not a token of this family.
    Unknown {
        token: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Issued(Issued),
    Failed(Failure),
}

/// The server's decision on one presented refresh token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefreshDecision {
    pub presenter: Presenter,
    pub presented: String,
    pub now: u64,
    pub checks: Vec<Check>,
    pub verdict: Verdict,
}

impl RefreshDecision {
    pub fn issued(&self) -> Option<&Issued> {
        match &self.verdict {
            Verdict::Issued(i) => Some(i),
            Verdict::Failed(_) => None,
        }
    }
}

/// Everything a refresh needs besides the user's state.
pub struct Server<'a> {
    pub user: &'a str,
    pub knobs: &'a Knobs,
    pub boundary: Boundary,
    pub new_token: &'a NewToken,
    /// Access tokens are real JWTs signed this way (`[oauth] jwt`), else plain values.
    pub signing: Option<&'a JwtSigning>,
    /// Where random tokens come from (the OS, or `--seed`).
    pub random: &'a mut Random,
    pub now: u64,
}

impl<'a> Server<'a> {
    /// The server for `user` at `now`: the user's knobs, and the scenario's boundary and way
    /// of making new tokens.
    pub fn new(
        user: &'a str,
        knobs: &'a Knobs,
        policy: &'a Policy,
        random: &'a mut Random,
        now: u64,
    ) -> Self {
        Self {
            user,
            knobs,
            boundary: policy.boundary,
            new_token: &policy.new_token,
            signing: policy.model.as_ref().and_then(|m| m.jwt.as_ref()),
            random,
            now,
        }
    }
}

impl Server<'_> {
    /// Decides on `presented` and carries the verdict out on `model` (the family, the attacker's
    /// tokens). The client's new access token is in the returned `Issued`; the caller installs it.
    pub fn refresh(
        &mut self,
        model: &mut UserModel,
        presenter: Presenter,
        presented: String,
    ) -> RefreshDecision {
        let mut checks = Vec::new();
        let verdict = self.decide(model, presenter, &presented, &mut checks);
        if let Verdict::Issued(issued) = &verdict
            && presenter == Presenter::Attacker
            && let Some(attacker) = &mut model.attacker
        {
            attacker.refresh = issued.refresh.clone();
            attacker.access = Some(issued.access.clone());
        }
        if let Verdict::Issued(issued) = &verdict
            && presenter == Presenter::Client
        {
            model.client = issued.refresh.clone();
        }
        RefreshDecision {
            presenter,
            presented,
            now: self.now,
            checks,
            verdict,
        }
    }

    fn decide(
        &mut self,
        model: &mut UserModel,
        presenter: Presenter,
        presented: &str,
        checks: &mut Vec<Check>,
    ) -> Verdict {
        let (now, knobs, boundary) = (self.now, self.knobs, self.boundary);
        let Some(family) = &model.family else {
            return Verdict::Failed(Failure::NotLoggedIn);
        };
        checks.push(Check::Revoked(family.revoked));
        if let Some(revoked) = family.revoked {
            return Verdict::Failed(Failure::Revoked(revoked));
        }
        if knobs.sender_constrained {
            let has_key = presenter == Presenter::Client;
            checks.push(Check::Bound { has_key });
            if !has_key {
                return Verdict::Failed(Failure::NoKey);
            }
        }
        let mut lifetime_over = None;
        if let Some(deadline) = family.absolute_deadline(knobs) {
            let over = boundary.is_past(deadline, now);
            checks.push(Check::Absolute {
                login_at: family.login_at,
                absolute: knobs.absolute,
                over,
            });
            if over {
                lifetime_over = Some((RevokeWhy::Absolute, Failure::Absolute { deadline }));
            }
        }
        if lifetime_over.is_none()
            && let Some(deadline) = family.idle_deadline(knobs)
        {
            let over = boundary.is_past(deadline, now);
            checks.push(Check::Idle {
                last_use: family.last_use,
                idle: knobs.idle,
                over,
            });
            if over {
                let last_use = family.last_use;
                lifetime_over = Some((RevokeWhy::Idle, Failure::Idle { last_use, deadline }));
            }
        }
        if let Some((why, failure)) = lifetime_over {
            if let Some(family) = &mut model.family {
                family.revoked = Some(Revocation { at: now, why });
            }
            return Verdict::Failed(failure);
        }
        let matches = presented == family.current;
        checks.push(Check::Current {
            current: family.current.clone(),
            matches,
        });
        if matches {
            return Verdict::Issued(self.issue(model, true, false));
        }
        if knobs.rotation
            && let Some(previous) = family.previous.clone()
            && previous.value == presented
        {
            let inside = u128::from(now) < Sum::new(previous.rotated_at, knobs.grace).exact();
            checks.push(Check::Grace {
                previous,
                grace: knobs.grace,
                inside,
            });
            if inside {
                return Verdict::Issued(self.issue(model, false, true));
            }
        }
        if !family.is_used(presented) {
            return Verdict::Failed(Failure::Unknown {
                token: presented.to_owned(),
            });
        }
        checks.push(Check::Used {
            reuse_detection: knobs.reuse_detection,
        });
        if !knobs.reuse_detection {
            return Verdict::Failed(Failure::UsedToken {
                token: presented.to_owned(),
            });
        }
        if let Some(family) = &mut model.family {
            family.revoked = Some(Revocation {
                at: now,
                why: RevokeWhy::Reuse,
            });
        }
        if knobs.on_reuse == OnReuse::NewestAndAccess {
            model.access_revoked_at = Some(now);
        }
        Verdict::Failed(Failure::ReuseDetected {
            token: presented.to_owned(),
            at: now,
        })
    }

    /// A new access token (capped when asked), and with the current token and rotation on, a new
    /// refresh token. Last use is now.
    fn issue(&mut self, model: &mut UserModel, current: bool, via_grace: bool) -> Issued {
        let (now, knobs) = (self.now, self.knobs);
        let expiry = Sum::new(now, knobs.ttl);
        let deadline = model
            .family
            .as_ref()
            .and_then(|f| f.absolute_deadline(knobs));
        let capped_to = deadline.filter(|d| knobs.cap_access && u128::from(*d) < expiry.exact());
        let access_value = self.value(model, "at");
        let access_expiry = capped_to.unwrap_or(expiry.value());
        let login_at = model.family.as_ref().map_or(now, |f| f.login_at);
        let access_value = self.signed(access_value, login_at, access_expiry);
        let access = Token::new(access_value, access_expiry);
        let rotated = current && knobs.rotation;
        let new_refresh = rotated.then(|| self.value(model, "rt"));
        let Some(family) = &mut model.family else {
            return Issued {
                access,
                expiry,
                capped_to,
                refresh: String::new(),
                rotated: false,
                via_grace,
            };
        };
        family.last_use = now;
        if let Some(new_refresh) = new_refresh {
            let old = std::mem::replace(&mut family.current, new_refresh);
            family.push_used(old.clone());
            family.previous = Some(Previous {
                value: old,
                rotated_at: now,
            });
            family.generation = family.generation.saturating_add(1);
        }
        Issued {
            access,
            expiry,
            capped_to,
            refresh: family.current.clone(),
            rotated,
            via_grace,
        }
    }

    /// An access token's value as issued: with `[oauth] jwt`, a JWT signed now whose `jti` is
    /// `value` and whose `sid` names the family by its user and login tick; else `value`.
    pub fn signed(&self, value: String, login_at: u64, expiry: u64) -> String {
        match self.signing {
            None => value,
            Some(signing) => signing.mint(AccessClaims {
                user: self.user,
                jti: &value,
                sid: &format!("{}@{login_at}", self.user),
                issued: self.now,
                expiry,
            }),
        }
    }

    /// A new token value: random when the scenario asks for random tokens, else readable.
    fn value(&mut self, model: &mut UserModel, kind: &str) -> String {
        match self.new_token {
            NewToken::RandomBytes(_) => {
                format!(
                    "{kind}-{}",
                    crate::domain::scenario::issue_token(self.new_token, self.random)
                )
            }
            NewToken::Literal(_) => model.next_value(kind, self.user),
        }
    }
}
