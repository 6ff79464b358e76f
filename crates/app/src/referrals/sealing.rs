//! Sealing referrals' equality fields: XChaCha20-Poly1305 with a random 24-byte nonce per record
//! and the referral id as associated data, so a sealed blob cannot be moved to another referral.
//! The key is 32 bytes, written as 64 hex digits in a file: `SIGNPOST_SECRET_KEY_FILE`, else
//! `secret.key` in the data directory, made (mode 0600) at first use (docs/referrals.md).

use std::io::Write;
use std::path::Path;

use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};

use crate::error::{AppError, Result};

/// The environment variable naming the key file.
pub const SECRET_KEY_FILE_VAR: &str = "SIGNPOST_SECRET_KEY_FILE";
/// The key file made in the data directory when the variable is not set.
pub const SECRET_KEY_FILE: &str = "secret.key";

const KEY_BYTES: usize = 32;
const NONCE_BYTES: usize = 24;

/// The key that seals and opens equality fields.
pub struct SecretKey {
    cipher: XChaCha20Poly1305,
}

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey(..)")
    }
}

impl SecretKey {
    /// The key to seal with: the file `SIGNPOST_SECRET_KEY_FILE` names (which must exist), else
    /// the data directory's key file, made when missing.
    pub fn for_sealing(data_dir: &Path) -> Result<SecretKey> {
        match std::env::var_os(SECRET_KEY_FILE_VAR) {
            Some(path) => SecretKey::read(Path::new(&path)),
            None => SecretKey::read_or_make(&data_dir.join(SECRET_KEY_FILE)),
        }
    }

    /// The key to open sealed fields with: as [`SecretKey::for_sealing`], but a missing key file
    /// is an error (a new key could not open what an old one sealed).
    pub fn for_opening(data_dir: &Path) -> Result<SecretKey> {
        match std::env::var_os(SECRET_KEY_FILE_VAR) {
            Some(path) => SecretKey::read(Path::new(&path)),
            None => SecretKey::read(&data_dir.join(SECRET_KEY_FILE)),
        }
    }

    /// The key in `path`, making the file (mode 0600, a new random key) when it does not exist.
    pub fn read_or_make(path: &Path) -> Result<SecretKey> {
        match make_key_file(path) {
            Ok(()) => tracing::info!(file = %path.display(), "made a new secret key file"),
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(error) => {
                return Err(AppError::io(
                    format!("cannot make the secret key file {}", path.display()),
                    error,
                ));
            }
        }
        SecretKey::read(path)
    }

    /// The key in `path`: 64 hex digits (surrounding white space ignored).
    pub fn read(path: &Path) -> Result<SecretKey> {
        let text = std::fs::read_to_string(path).map_err(|source| {
            AppError::io(
                format!("cannot read the secret key file {}", path.display()),
                source,
            )
        })?;
        let bytes = hex::decode(text.trim())
            .ok()
            .filter(|bytes| bytes.len() == KEY_BYTES)
            .ok_or_else(|| AppError::SecretKey(not_a_key(path)))?;
        let cipher = XChaCha20Poly1305::new_from_slice(&bytes)
            .map_err(|_| AppError::SecretKey(not_a_key(path)))?;
        Ok(SecretKey { cipher })
    }

    /// `plain` sealed for the record `id`: the nonce, then the ciphertext with its tag.
    pub fn seal(&self, id: &str, plain: &[u8]) -> Result<Vec<u8>> {
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let sealed = self
            .cipher
            .encrypt(
                &nonce,
                Payload {
                    msg: plain,
                    aad: id.as_bytes(),
                },
            )
            .map_err(|_| AppError::SecretKey("the equality fields cannot be sealed".into()))?;
        let mut out = Vec::with_capacity(NONCE_BYTES + sealed.len());
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        Ok(out)
    }

    /// What [`SecretKey::seal`] sealed for `id`; an error when the blob was made with another
    /// key, for another record, or changed.
    pub fn open(&self, id: &str, sealed: &[u8]) -> Result<Vec<u8>> {
        let cannot_open = || {
            AppError::SecretKey(format!(
                "the equality fields of referral {id} cannot be opened with this secret key"
            ))
        };
        if sealed.len() < NONCE_BYTES {
            return Err(cannot_open());
        }
        let (nonce, ciphertext) = sealed.split_at(NONCE_BYTES);
        self.cipher
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad: id.as_bytes(),
                },
            )
            .map_err(|_| cannot_open())
    }
}

fn not_a_key(path: &Path) -> String {
    format!(
        "the secret key file {} does not hold a key (64 hex digits)",
        path.display()
    )
}

/// Writes a new random key to `path`, which must not exist; readable by its owner alone.
fn make_key_file(path: &Path) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let key = XChaCha20Poly1305::generate_key(&mut OsRng);
    let mut file = new_private_file(path)?;
    file.write_all(format!("{}\n", hex::encode(key)).as_bytes())?;
    file.sync_all()
}

#[cfg(unix)]
fn new_private_file(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn new_private_file(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_made_key_file_is_private_and_reopens_what_it_sealed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(SECRET_KEY_FILE);
        let key = SecretKey::read_or_make(&path).expect("made");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("file").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let sealed = key.seal("ref-1", b"asian-bangladeshi").expect("sealed");
        assert!(!sealed.windows(5).any(|w| w == b"asian"));
        let again = SecretKey::read_or_make(&path).expect("read again");
        assert_eq!(
            again.open("ref-1", &sealed).expect("opened"),
            b"asian-bangladeshi"
        );
    }

    #[test]
    fn a_blob_opens_only_for_its_own_referral_and_key_and_unchanged() {
        let dir = tempfile::tempdir().expect("temp dir");
        let key = SecretKey::read_or_make(&dir.path().join("a.key")).expect("key a");
        let other = SecretKey::read_or_make(&dir.path().join("b.key")).expect("key b");
        let sealed = key.seal("ref-1", b"{}").expect("sealed");
        assert!(key.open("ref-2", &sealed).is_err());
        assert!(other.open("ref-1", &sealed).is_err());
        let mut changed = sealed.clone();
        let last = changed.len() - 1;
        changed[last] ^= 1;
        assert!(key.open("ref-1", &changed).is_err());
        assert!(key.open("ref-1", &sealed[..10]).is_err());
    }

    #[test]
    fn the_same_fields_seal_differently_each_time() {
        let dir = tempfile::tempdir().expect("temp dir");
        let key = SecretKey::read_or_make(&dir.path().join("k")).expect("key");
        assert_ne!(
            key.seal("r", b"same").expect("one"),
            key.seal("r", b"same").expect("two")
        );
    }

    #[test]
    fn opening_never_makes_a_key_and_sealing_makes_one_that_opening_reads() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert!(SecretKey::for_opening(dir.path()).is_err());
        assert!(!dir.path().join(SECRET_KEY_FILE).exists());
        let sealed = SecretKey::for_sealing(dir.path())
            .expect("made")
            .seal("r", b"x")
            .expect("sealed");
        let opened = SecretKey::for_opening(dir.path()).expect("read");
        assert_eq!(opened.open("r", &sealed).expect("opened"), b"x");
    }

    #[test]
    fn a_file_without_a_key_is_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("bad.key");
        std::fs::write(&path, "not hex").expect("written");
        assert!(matches!(
            SecretKey::read(&path),
            Err(AppError::SecretKey(_))
        ));
    }
}
