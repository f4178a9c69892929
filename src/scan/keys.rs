//! Key files by their bytes, whatever they are called: DER private keys (PKCS#8, PKCS#1,
//! SEC1, encrypted PKCS#8), PKCS#12 bundles and Java key stores (JKS, JCEKS). A file named
//! like a key store that holds no key (empty, certificates only) is not called one, and a
//! key in a file whose name says nothing is found. PEM keys are text, found by the secret
//! scanner's rules. The formats: RFC 5208, 5958, 8017, 5915 and 7292; OpenJDK's
//! `JavaKeyStore` and `JceKeyStore`.

/// What a key file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    /// A private key, in this format.
    Key(KeyFile),
    /// A bundle whose contents are encrypted: it may hold a key that cannot be seen.
    Sealed(&'static str),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyFile {
    /// "a PKCS#12 bundle with a private key".
    pub format: &'static str,
    /// Under a passphrase or a store password.
    pub protected: bool,
    /// The well-known key store it is, when it is public by design (Android's debug key
    /// store, the same in every project).
    pub well_known: Option<&'static str>,
}

/// Larger files are not key files.
const MOST: usize = 1 << 20;

/// What `bytes` hold, when it is a key file (or may be one).
pub fn sniff(bytes: &[u8]) -> Option<Sniffed> {
    if bytes.len() > MOST {
        return None;
    }
    match bytes.get(..4)? {
        [0xfe, 0xed, 0xfe, 0xed] => java_store(bytes, false),
        [0xce, 0xce, 0xce, 0xce] => java_store(bytes, true),
        _ => der_key(bytes),
    }
}

/// Object identifiers, as DER encodes them.
const PBES2: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0d];
const PKCS12_PBE: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x01];
const KEY_BAG: &[u8] = &[
    0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x0a, 0x01, 0x01,
];
const SHROUDED_KEY_BAG: &[u8] = &[
    0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x0a, 0x01, 0x02,
];
const ENCRYPTED_DATA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x06];

/// One DER element: its tag, its content and what follows it. An indefinite length (BER,
/// as some PKCS#12 writers use) runs to the end.
fn element(d: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = d.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = match first {
        0x80 => (rest.len(), rest),
        n if n < 0x80 => (n as usize, rest),
        n => {
            let bytes = (n & 0x7f) as usize;
            if bytes > 4 || rest.len() < bytes {
                return None;
            }
            let len = rest[..bytes]
                .iter()
                .fold(0usize, |l, &b| l << 8 | b as usize);
            (len, &rest[bytes..])
        }
    };
    (len <= rest.len()).then(|| (tag, &rest[..len], &rest[len..]))
}

/// A whole file that is one DER private key or PKCS#12 bundle.
fn der_key(bytes: &[u8]) -> Option<Sniffed> {
    let (0x30, body, after) = element(bytes)? else {
        return None;
    };
    // The element is the whole file (bar a line break): random binary data is not.
    if after.iter().any(|b| !b.is_ascii_whitespace()) {
        return None;
    }
    let key = |format, protected| {
        Some(Sniffed::Key(KeyFile {
            format,
            protected,
            well_known: None,
        }))
    };
    let (tag, first, rest) = element(body)?;
    let second = element(rest);
    match (tag, first, second) {
        // EncryptedPrivateKeyInfo: an algorithm (PBES2 or PKCS#12's), then the ciphertext.
        (0x30, algorithm, Some((0x04, _, _)))
            if algorithm
                .windows(PBES2.len())
                .any(|w| w == PBES2 || w.starts_with(PKCS12_PBE)) =>
        {
            key("an encrypted PKCS#8 private key", true)
        }
        (0x02, [3], Some((0x30, _, _))) => pkcs12(body),
        // PrivateKeyInfo: version 0 or 1, an algorithm, the key.
        (0x02, [0] | [1], Some((0x30, _, after)))
            if element(after).is_some_and(|(t, ..)| t == 0x04) =>
        {
            key("a PKCS#8 private key", false)
        }
        // RSAPrivateKey: version 0, then the modulus (at least 512 bits).
        (0x02, [0], Some((0x02, modulus, _))) if modulus.len() >= 64 => {
            key("an RSA private key (PKCS#1)", false)
        }
        // ECPrivateKey: version 1, then the private value.
        (0x02, [1], Some((0x04, value, _))) if (16..=72).contains(&value.len()) => {
            key("an EC private key (SEC1)", false)
        }
        _ => None,
    }
}

/// A PKCS#12 bundle: a key bag in what is not encrypted, or contents that are.
fn pkcs12(body: &[u8]) -> Option<Sniffed> {
    let has = |oid: &[u8]| memchr::memmem::find(body, oid).is_some();
    let (format, protected) = if has(SHROUDED_KEY_BAG) {
        ("a PKCS#12 bundle with a private key", true)
    } else if has(KEY_BAG) {
        ("a PKCS#12 bundle with an unprotected private key", false)
    } else if has(ENCRYPTED_DATA) {
        return Some(Sniffed::Sealed(
            "a PKCS#12 bundle whose contents are encrypted",
        ));
    } else {
        return None; // certificates only
    };
    Some(Sniffed::Key(KeyFile {
        format,
        protected,
        well_known: None,
    }))
}

/// A Java key store: a private key (or, in JCEKS, a secret key) entry, or only trusted
/// certificates (a trust store, which holds no secret).
fn java_store(bytes: &[u8], jceks: bool) -> Option<Sniffed> {
    let mut r = Reader { bytes, at: 4 };
    let version = r.u32()?;
    let count = r.u32()?;
    let mut alias = None;
    for _ in 0..count.min(10_000) {
        let tag = r.u32()?;
        let name = r.utf()?;
        r.skip(8)?; // the date
        match tag {
            // A private key entry: the key, encrypted; its certificate chain.
            1 => {
                alias = Some(name);
                break;
            }
            // A trusted certificate: its type (version 2), then the certificate.
            2 => {
                if version == 2 {
                    r.utf()?;
                }
                let len = r.u32()? as usize;
                r.skip(len)?;
            }
            // A JCEKS secret key: a serialised Java object (not walked past).
            3 if jceks => {
                alias = Some(name);
                break;
            }
            _ => return None,
        }
    }
    let alias = alias?;
    let well_known = (alias == b"androiddebugkey")
        .then_some("the Android debug key store, the same in every project (public by design)");
    Some(Sniffed::Key(KeyFile {
        format: if jceks {
            "a Java key store (JCEKS) with a private or secret key"
        } else {
            "a Java key store (JKS) with a private key"
        },
        protected: true,
        well_known,
    }))
}

/// Big-endian fields of a Java key store, read in order.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let out = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(out)
    }

    fn skip(&mut self, n: usize) -> Option<()> {
        self.take(n).map(|_| ())
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_be_bytes(self.take(4)?.try_into().ok()?))
    }

    /// A string as Java's `writeUTF` writes it: a 2-byte length, then the bytes.
    fn utf(&mut self) -> Option<&'a [u8]> {
        let len = u16::from_be_bytes(self.take(2)?.try_into().ok()?) as usize;
        self.take(len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn der(tag: u8, content: &[u8]) -> Vec<u8> {
        let mut out = vec![tag];
        match content.len() {
            n if n < 0x80 => out.push(n as u8),
            n if n < 0x100 => out.extend([0x81, n as u8]),
            n => out.extend([0x82, (n >> 8) as u8, n as u8]),
        }
        out.extend(content);
        out
    }

    fn seq(parts: &[Vec<u8>]) -> Vec<u8> {
        der(0x30, &parts.concat())
    }

    fn format(bytes: &[u8]) -> Option<&'static str> {
        match sniff(bytes)? {
            Sniffed::Key(k) => Some(k.format),
            Sniffed::Sealed(s) => Some(s),
        }
    }

    #[test]
    fn der_keys_are_known_by_their_structure() {
        let rsa_oid = der(
            0x06,
            &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01],
        );
        let pkcs8 = seq(&[
            der(0x02, &[0]),
            seq(&[rsa_oid.clone(), der(0x05, &[])]),
            der(0x04, &[7; 600]),
        ]);
        assert_eq!(format(&pkcs8), Some("a PKCS#8 private key"));
        let rsa = seq(&[
            der(0x02, &[0]),
            der(0x02, &[0x55; 129]),
            der(0x02, &[1, 0, 1]),
        ]);
        assert_eq!(format(&rsa), Some("an RSA private key (PKCS#1)"));
        let ec = seq(&[der(0x02, &[1]), der(0x04, &[9; 32])]);
        assert_eq!(format(&ec), Some("an EC private key (SEC1)"));
        let encrypted = seq(&[seq(&[der(0x06, PBES2), seq(&[])]), der(0x04, &[3; 300])]);
        assert_eq!(format(&encrypted), Some("an encrypted PKCS#8 private key"));
        // A public key, a certificate-like sequence, a truncated key, random bytes, empty.
        let public = seq(&[seq(&[rsa_oid, der(0x05, &[])]), der(0x03, &[0; 140])]);
        assert_eq!(format(&public), None);
        assert_eq!(format(&pkcs8[..pkcs8.len() - 10]), None);
        assert_eq!(format(&[0x30, 0x03, 0x02, 0x01, 0x00, 0xff, 0xfe]), None);
        assert_eq!(format(b""), None);
    }

    #[test]
    fn pkcs12_bundles_are_keys_when_they_hold_one() {
        let bundle = |bag: &[u8]| {
            seq(&[
                der(0x02, &[3]),
                seq(&[
                    der(
                        0x06,
                        &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01],
                    ),
                    der(0x06, bag),
                ]),
            ])
        };
        assert_eq!(
            format(&bundle(SHROUDED_KEY_BAG)),
            Some("a PKCS#12 bundle with a private key")
        );
        assert_eq!(
            format(&bundle(ENCRYPTED_DATA)),
            Some("a PKCS#12 bundle whose contents are encrypted")
        );
        // Certificates only: no key bag, nothing encrypted.
        let certs = [
            0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x0a, 0x01, 0x03,
        ];
        assert_eq!(format(&bundle(&certs)), None);
    }

    /// A JKS store of `entries`: (tag, alias); a certificate entry carries a small
    /// certificate.
    fn store(entries: &[(u8, &str)]) -> Vec<u8> {
        let mut b = vec![0xfe, 0xed, 0xfe, 0xed, 0, 0, 0, 2];
        b.extend((entries.len() as u32).to_be_bytes());
        for (tag, alias) in entries {
            b.extend([0, 0, 0, *tag]);
            b.extend((alias.len() as u16).to_be_bytes());
            b.extend(alias.as_bytes());
            b.extend([0; 8]);
            if *tag == 2 {
                b.extend([0, 5]);
                b.extend(b"X.509");
                b.extend(20u32.to_be_bytes());
                b.extend([0x30; 20]);
            } else {
                b.extend([0; 40]);
            }
        }
        b.extend([0; 20]);
        b
    }

    #[test]
    fn java_stores_with_a_key_and_trust_stores() {
        let Some(Sniffed::Key(k)) = sniff(&store(&[(2, "ca"), (1, "mykey")])) else {
            panic!("a key after a certificate is found")
        };
        assert_eq!((k.protected, k.well_known), (true, None));
        let Some(Sniffed::Key(debug)) = sniff(&store(&[(1, "androiddebugkey")])) else {
            panic!()
        };
        assert!(debug.well_known.is_some());
        let trust = store(&[(2, "ca"), (2, "other-ca")]);
        assert_eq!(sniff(&trust), None, "a trust store holds no secret");
    }
}
