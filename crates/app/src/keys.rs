//! API keys: `sp_<id>_<secret>`, shown once when made; only an argon2id hash with its own salt is
//! stored. The public `id` part finds the stored hash without trying every key.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use rand_core::{OsRng, RngCore};
use serde::{Deserialize, Serialize};

const PREFIX: &str = "sp_";
const ID_BYTES: usize = 6;
const SECRET_BYTES: usize = 24;

/// What a key may do: the store's role, which keeps it.
pub use signpost_store::Role;

/// Who made a change: a key's id, name and role (never the key itself).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub key_id: String,
    pub name: String,
    pub role: Role,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum KeyError {
    #[error("the key is not of the form sp_<id>_<secret>")]
    Malformed,
    #[error("could not hash the key: {0}")]
    Hashing(String),
}

/// A key as made: the plain text is shown to the person once and never kept.
#[derive(Debug, Clone)]
pub struct NewKey {
    /// The public part, stored in the clear to find the hash.
    pub id: String,
    /// `sp_<id>_<secret>`: what the client sends as `Authorization: Bearer ...`.
    pub plain: String,
    /// The argon2id PHC string (salt included) that is stored.
    pub hash: String,
}

/// Makes a new random key and its salted hash.
pub fn generate() -> Result<NewKey, KeyError> {
    let id = random_hex(ID_BYTES);
    let plain = format!("{PREFIX}{id}_{}", random_hex(SECRET_BYTES));
    let hash = hash_key(&plain)?;
    Ok(NewKey { id, plain, hash })
}

/// The public id of a presented key, when it has the right shape.
pub fn key_id(plain: &str) -> Result<&str, KeyError> {
    let rest = plain.strip_prefix(PREFIX).ok_or(KeyError::Malformed)?;
    let (id, secret) = rest.split_once('_').ok_or(KeyError::Malformed)?;
    let well_formed = |part: &str, bytes: usize| {
        part.len() == bytes * 2 && part.bytes().all(|b| b.is_ascii_hexdigit())
    };
    if well_formed(id, ID_BYTES) && well_formed(secret, SECRET_BYTES) {
        Ok(id)
    } else {
        Err(KeyError::Malformed)
    }
}

/// The argon2id hash of a key with a fresh salt.
pub fn hash_key(plain: &str) -> Result<String, KeyError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(plain.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| KeyError::Hashing(e.to_string()))
}

/// Whether a presented key matches a stored hash (false for a malformed hash).
pub fn verify(plain: &str, stored_hash: &str) -> bool {
    PasswordHash::new(stored_hash)
        .map(|hash| {
            Argon2::default()
                .verify_password(plain.as_bytes(), &hash)
                .is_ok()
        })
        .unwrap_or(false)
}

fn random_hex(bytes: usize) -> String {
    let mut buffer = vec![0u8; bytes];
    OsRng.fill_bytes(&mut buffer);
    buffer.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_key_verifies_against_its_hash_and_nothing_else() {
        let key = generate().expect("key");
        assert!(key.plain.starts_with("sp_"));
        assert_eq!(key_id(&key.plain), Ok(key.id.as_str()));
        assert!(
            !key.hash.contains(&key.plain),
            "the hash must not carry the key"
        );
        assert!(key.hash.starts_with("$argon2id$"));
        assert!(verify(&key.plain, &key.hash));
        let other = generate().expect("key");
        assert!(!verify(&other.plain, &key.hash));
        assert!(!verify(&key.plain, "not a hash"));
    }

    #[test]
    fn the_same_key_hashes_differently_each_time() {
        let key = generate().expect("key");
        let again = hash_key(&key.plain).expect("hash");
        assert_ne!(again, key.hash, "salts differ");
        assert!(verify(&key.plain, &again));
    }

    #[test]
    fn malformed_keys_are_rejected_before_any_lookup() {
        for bad in [
            "",
            "sp_",
            "sp_abc_def",
            "xx_0123456789ab_",
            "sp_0123456789ab",
            "sp_0123456789ag_00",
        ] {
            assert_eq!(key_id(bad), Err(KeyError::Malformed), "{bad}");
        }
    }

    #[test]
    fn roles_parse_and_admin_may_edit() {
        assert!(matches!("editor".parse::<Role>(), Ok(Role::Editor)));
        assert!(matches!("admin".parse::<Role>(), Ok(Role::Admin)));
        assert!("root".parse::<Role>().is_err());
        assert!(Role::Admin.allows(Role::Editor));
        assert!(!Role::Editor.allows(Role::Admin));
    }
}
