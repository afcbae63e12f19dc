//! The server's side of a refresh, in the issue's order, as a value: each check with its numbers,
//! then the verdict. (Step 1, the client's own decision to refresh, is the lesson's `Decision`.)
//!
//! 2. family revoked → fails; 3. absolute or idle lifetime over → fails and revokes the family;
//! 4. the current refresh token → a new access token (and, with rotation, a new refresh token);
//! 5. the previous one inside the grace period → accepted: a new access token and the family's
//!    current refresh token (no new rotation); 6. a used one with reuse detection → the family is
//!    revoked. A sender-constrained family refuses a copy presented without the client's key
//!    before any of these, and is left alone.

use super::family::{Family, Lifetime, Previous, Revocation, RevokeWhy, UserModel};
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
    /// The presented token's own `exp` (Keycloak), checked first: `issued + idle`, capped at
    /// `login + absolute`.
    TokenExp { issued: u64, exp: u64, over: bool },
    /// The previous token, counted (Keycloak's Refresh Token Max Reuse): accepted again while
    /// `reuses < max`.
    Reuses {
        previous: Previous,
        max: u64,
        inside: bool,
    },
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
    /// The token's own `exp` has passed (Keycloak: "Token is not active"); the family is
    /// left alone.
    TokenExpired {
        token: String,
        exp: u64,
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
    /// Decided by an earlier family (a grant from an earlier login), logged in at this tick;
    /// `None`: the current family.
    pub earlier_login: Option<u64>,
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
    ///
    /// The client presents to its current family; the attacker's copy goes to the family that
    /// issued it, an earlier one included (a login does not end earlier grants).
    pub fn refresh(
        &mut self,
        model: &mut UserModel,
        presenter: Presenter,
        presented: String,
    ) -> RefreshDecision {
        let mut checks = Vec::new();
        let earlier = match presenter {
            Presenter::Client => None,
            Presenter::Attacker => model
                .family
                .as_ref()
                .filter(|f| f.knows(&presented))
                .map_or_else(
                    || model.earlier.iter().rposition(|f| f.knows(&presented)),
                    |_| None,
                ),
        };
        let mut earlier_login = None;
        let verdict = match earlier {
            // Out of the list while it is decided, so the counters stay reachable.
            Some(index) => {
                let mut family = model.earlier.remove(index);
                earlier_login = Some(family.login_at);
                let verdict = self.decide(model, &mut family, presenter, &presented, &mut checks);
                model.earlier.insert(index, family);
                verdict
            }
            None => match model.family.take() {
                None => Verdict::Failed(Failure::NotLoggedIn),
                Some(mut family) => {
                    let verdict =
                        self.decide(model, &mut family, presenter, &presented, &mut checks);
                    model.family = Some(family);
                    verdict
                }
            },
        };
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
            earlier_login,
        }
    }

    fn decide(
        &mut self,
        model: &mut UserModel,
        family: &mut Family,
        presenter: Presenter,
        presented: &str,
        checks: &mut Vec<Check>,
    ) -> Verdict {
        let (now, knobs, boundary) = (self.now, self.knobs, self.boundary);
        // Keycloak reads the token before the session: its own exp first.
        if knobs.token_expiry
            && let Some(issued) = family.issued_of(presented)
            && let Some(exp) = family.token_exp(knobs, issued)
        {
            let over = boundary.is_past(exp, now);
            checks.push(Check::TokenExp { issued, exp, over });
            if over {
                return Verdict::Failed(Failure::TokenExpired {
                    token: presented.to_owned(),
                    exp,
                });
            }
        }
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
        if let Some(deadline) = family.absolute_deadline(knobs) {
            checks.push(Check::Absolute {
                login_at: family.login_at,
                absolute: knobs.absolute,
                over: boundary.is_past(deadline, now),
            });
        }
        if let Some(deadline) = family.idle_deadline(knobs) {
            checks.push(Check::Idle {
                last_use: family.last_use,
                idle: knobs.idle,
                over: boundary.is_past(deadline, now),
            });
        }
        // When both lifetimes are over, the first to end is the reason, with its time.
        if let Some((why, deadline)) = family.first_deadline(knobs)
            && boundary.is_past(deadline, now)
        {
            family.revoked = Some(Revocation {
                at: now,
                why: why.into(),
            });
            return Verdict::Failed(match why {
                Lifetime::Idle => Failure::Idle {
                    last_use: family.last_use,
                    deadline,
                },
                Lifetime::Absolute => Failure::Absolute { deadline },
            });
        }
        let matches = presented == family.current;
        checks.push(Check::Current {
            current: family.current.clone(),
            matches,
        });
        if matches {
            return Verdict::Issued(self.issue(model, family, true, false));
        }
        if knobs.rotation
            && let Some(previous) = family.previous.clone()
            && previous.value == presented
        {
            let inside = match knobs.max_reuse {
                Some(max) => {
                    let inside = previous.reuses < max;
                    checks.push(Check::Reuses {
                        previous,
                        max,
                        inside,
                    });
                    inside
                }
                None => {
                    let inside =
                        u128::from(now) < Sum::new(previous.rotated_at, knobs.grace).exact();
                    checks.push(Check::Grace {
                        previous,
                        grace: knobs.grace,
                        inside,
                    });
                    inside
                }
            };
            if inside {
                return Verdict::Issued(self.issue(model, family, false, true));
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
            // Keycloak with "Revoke Refresh Token" off: an older token works until its own exp
            // (checked above), and gets a new refresh token as any refresh does.
            if knobs.token_expiry && knobs.rotation {
                return Verdict::Issued(self.issue(model, family, true, false));
            }
            return Verdict::Failed(Failure::UsedToken {
                token: presented.to_owned(),
            });
        }
        family.revoked = Some(Revocation {
            at: now,
            why: RevokeWhy::Reuse,
        });
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
    fn issue(
        &mut self,
        model: &mut UserModel,
        family: &mut Family,
        current: bool,
        via_grace: bool,
    ) -> Issued {
        let (now, knobs) = (self.now, self.knobs);
        let expiry = Sum::new(now, knobs.ttl);
        let deadline = family.absolute_deadline(knobs);
        let capped_to = deadline.filter(|d| knobs.cap_access && u128::from(*d) < expiry.exact());
        let access_value = self.value(model, "at");
        let access_expiry = capped_to.unwrap_or(expiry.value());
        let access_value = self.signed(access_value, family.login_at, access_expiry);
        let access = Token::new(access_value, access_expiry);
        // Inside the grace period (or the reuse count) the server mints a new refresh token
        // when it is set to (Auth0, Keycloak); else the presenter gets the current one (Okta).
        let mints = via_grace && knobs.grace_mints;
        let rotated = (current || mints) && knobs.rotation;
        family.last_use = now;
        if mints && knobs.max_reuse.is_some() {
            // Keycloak: the reused token stays the one counted; the current one, never
            // presented, is superseded (stale).
            if let Some(previous) = &mut family.previous {
                previous.reuses = previous.reuses.saturating_add(1);
            }
            let new_refresh = self.value(model, "rt");
            let old = std::mem::replace(&mut family.current, new_refresh);
            let old_issued = std::mem::replace(&mut family.issued_at, now);
            family.push_used(old, old_issued);
            family.generation = family.generation.saturating_add(1);
        } else if !mints
            && via_grace
            && let Some(previous) = &mut family.previous
        {
            previous.reuses = previous.reuses.saturating_add(1);
        } else if rotated {
            let new_refresh = self.value(model, "rt");
            let old = std::mem::replace(&mut family.current, new_refresh);
            let old_issued = std::mem::replace(&mut family.issued_at, now);
            family.push_used(old.clone(), old_issued);
            family.previous = Some(Previous {
                value: old,
                rotated_at: now,
                reuses: 0,
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
                format!("{kind}-{}", self.new_token.issue(self.random))
            }
            NewToken::Literal(_) => model.next_value(kind, self.user),
        }
    }
}
