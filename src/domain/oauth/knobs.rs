//! The model's settings as the rest of the model names them: the structs come from the table
//! of settings (`crate::domain::settings`); the names of the access kinds and reuse answers
//! are here.

pub use crate::domain::settings::{
    AccessKind, Knobs, ModelPolicy, OnReuse, Overrides, TRAFFIC_EVERY,
};

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
        let policy = crate::domain::Policy {
            ttl: 300,
            ..Default::default()
        };
        let k = Knobs::resolve(&policy, &model, &o);
        assert_eq!((k.access, k.grace, k.ttl), (AccessKind::Opaque, 30, 300));
        assert!(k.rotation && k.reuse_detection);
        let plain = Knobs::resolve(&policy, &model, &Overrides::default());
        assert_eq!((plain.access, plain.grace), (AccessKind::Jwt, 0));
    }
}
