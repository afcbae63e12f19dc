//! The model's knobs: scenario-wide in `[oauth]`, each of which a user may override in its
//! `[tokens]` entry, so a preset can put policies side by side.

use super::validator::Validator;

/// How an API checks an access token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AccessKind {
    /// Self-contained (a JWT), checked locally: it lives until its `exp` whatever the server does.
    #[default]
    Jwt,
    /// Introspected at the server: it dies the moment it is revoked.
    Opaque,
}

impl AccessKind {
    pub const ALL: [AccessKind; 2] = [AccessKind::Jwt, AccessKind::Opaque];

    pub fn name(self) -> &'static str {
        match self {
            AccessKind::Jwt => "jwt",
            AccessKind::Opaque => "opaque",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// What a detected reuse revokes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OnReuse {
    /// Auth0: the whole family, the newest refresh token included.
    #[default]
    Family,
    /// Okta: the newest refresh token and the access tokens issued since login.
    NewestAndAccess,
}

impl OnReuse {
    pub const ALL: [OnReuse; 2] = [OnReuse::Family, OnReuse::NewestAndAccess];

    pub fn name(self) -> &'static str {
        match self {
            OnReuse::Family => "family",
            OnReuse::NewestAndAccess => "newest-and-access",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// The scenario-wide knobs (`[oauth]`). The access token's lifetime is the lesson's `ttl`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelPolicy {
    pub access: AccessKind,
    pub validator: Validator,
    pub rotation: bool,
    pub reuse_detection: bool,
    /// The previous refresh token is accepted while `now < rotated_at + grace` (0: never).
    pub grace: u64,
    /// DPoP / mTLS: a copy presented without the client's key fails and leaves the family alone.
    pub sender_constrained: bool,
    /// Refresh tokens die this many ticks after login, never extended by rotation (0: never).
    pub absolute: u64,
    /// Refresh tokens die when unused this many ticks; a refresh resets it (0: never).
    pub idle: u64,
    /// A refreshed access token never outlives the family's absolute cap.
    pub cap_access: bool,
    pub on_reuse: OnReuse,
    /// Clients sharing storage send one refresh request at a time (a lock across tabs).
    pub single_flight: bool,
    /// Traffic: every declared client calls the API every `traffic_every` ticks of the clock.
    pub traffic: bool,
    pub traffic_every: u64,
}

/// How often each client calls the API when traffic is on, unless the scenario says otherwise.
pub const TRAFFIC_EVERY: u64 = 60;

impl Default for ModelPolicy {
    /// RFC 9700's advice: rotation with reuse detection, no grace, no lifetimes.
    fn default() -> Self {
        Self {
            access: AccessKind::Jwt,
            validator: Validator::LESSON,
            rotation: true,
            reuse_detection: true,
            grace: 0,
            sender_constrained: false,
            absolute: 0,
            idle: 0,
            cap_access: false,
            on_reuse: OnReuse::Family,
            single_flight: false,
            traffic: false,
            traffic_every: TRAFFIC_EVERY,
        }
    }
}

/// A user's own values for any knob (`None`: the scenario's).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Overrides {
    pub ttl: Option<u64>,
    pub access: Option<AccessKind>,
    pub validator: Option<Validator>,
    pub rotation: Option<bool>,
    pub reuse_detection: Option<bool>,
    pub grace: Option<u64>,
    pub sender_constrained: Option<bool>,
    pub absolute: Option<u64>,
    pub idle: Option<u64>,
    pub cap_access: Option<bool>,
    pub on_reuse: Option<OnReuse>,
    pub single_flight: Option<bool>,
}

impl Overrides {
    pub fn is_empty(&self) -> bool {
        *self == Overrides::default()
    }
}

/// The knobs in force for one user: the scenario's, with the user's overrides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Knobs {
    pub ttl: u64,
    pub access: AccessKind,
    pub validator: Validator,
    /// The validator's configured leeway (`None`: the library's default). Supplied by the
    /// `validator_leeway` setting.
    pub validator_leeway: Option<u64>,
    pub rotation: bool,
    pub reuse_detection: bool,
    pub grace: u64,
    pub sender_constrained: bool,
    pub absolute: u64,
    pub idle: u64,
    pub cap_access: bool,
    pub on_reuse: OnReuse,
    pub single_flight: bool,
}

impl Knobs {
    pub fn resolve(ttl: u64, model: &ModelPolicy, o: &Overrides) -> Self {
        Self {
            ttl: o.ttl.unwrap_or(ttl),
            access: o.access.unwrap_or(model.access),
            validator: o.validator.unwrap_or(model.validator),
            validator_leeway: None,
            rotation: o.rotation.unwrap_or(model.rotation),
            reuse_detection: o.reuse_detection.unwrap_or(model.reuse_detection),
            grace: o.grace.unwrap_or(model.grace),
            sender_constrained: o.sender_constrained.unwrap_or(model.sender_constrained),
            absolute: o.absolute.unwrap_or(model.absolute),
            idle: o.idle.unwrap_or(model.idle),
            cap_access: o.cap_access.unwrap_or(model.cap_access),
            on_reuse: o.on_reuse.unwrap_or(model.on_reuse),
            single_flight: o.single_flight.unwrap_or(model.single_flight),
        }
    }
}

/// One scenario-wide knob of the model set to a value (`policy grace 30`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModelChange {
    Access(AccessKind),
    Validator(Validator),
    Rotation(bool),
    ReuseDetection(bool),
    Grace(u64),
    SenderConstrained(bool),
    Absolute(u64),
    Idle(u64),
    CapAccess(bool),
    OnReuse(OnReuse),
    SingleFlight(bool),
    /// How often each client calls when traffic is on (0 is taken as 1).
    TrafficEvery(u64),
}

impl ModelChange {
    pub fn apply(self, m: &mut ModelPolicy) {
        match self {
            ModelChange::Access(v) => m.access = v,
            ModelChange::Validator(v) => m.validator = v,
            ModelChange::Rotation(v) => m.rotation = v,
            ModelChange::ReuseDetection(v) => m.reuse_detection = v,
            ModelChange::Grace(v) => m.grace = v,
            ModelChange::SenderConstrained(v) => m.sender_constrained = v,
            ModelChange::Absolute(v) => m.absolute = v,
            ModelChange::Idle(v) => m.idle = v,
            ModelChange::CapAccess(v) => m.cap_access = v,
            ModelChange::OnReuse(v) => m.on_reuse = v,
            ModelChange::SingleFlight(v) => m.single_flight = v,
            ModelChange::TrafficEvery(v) => m.traffic_every = v.max(1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_users_override_wins_and_the_rest_come_from_the_scenario() {
        let model = ModelPolicy::default();
        let o = Overrides {
            access: Some(AccessKind::Opaque),
            grace: Some(30),
            ..Overrides::default()
        };
        let k = Knobs::resolve(300, &model, &o);
        assert_eq!((k.access, k.grace, k.ttl), (AccessKind::Opaque, 30, 300));
        assert!(k.rotation && k.reuse_detection);
        let plain = Knobs::resolve(300, &model, &Overrides::default());
        assert_eq!((plain.access, plain.grace), (AccessKind::Jwt, 0));
    }
}
