//! Checksums and structure that a format carries: CRC32 in base62 (GitHub, npm), Bech32
//! (age), a JWT's header.

use base64::Engine as _;

use super::model::Check;

pub(super) fn checked(check: Check, secret: &[u8]) -> bool {
    match check {
        Check::None => true,
        // prefix_ + body + 6: GitHub's and npm's 30 + 6, Vercel's 50 + 6.
        Check::Crc32Base62 => {
            let Some(us) = secret.iter().position(|&b| b == b'_') else {
                return false;
            };
            let body = &secret[us + 1..];
            let Some(at) = body.len().checked_sub(6).filter(|&n| n >= 20) else {
                return false;
            };
            base62_crc(&body[..at]).as_bytes() == &body[at..]
        }
        // `ghs_<app id>_<JWT>`: the JWT's header decodes (its claims are GitHub's to change).
        Check::GithubStatelessJwt => {
            let jwt = secret.splitn(3, |&b| b == b'_').nth(2).unwrap_or_default();
            jwt_parts(jwt).is_some_and(|(header, _)| header.contains("\"alg\""))
        }
        Check::GcpServiceAccount => gcp_service_account(secret),
        Check::UrlPassword => url_password(secret),
        Check::Bech32 => bech32_valid(secret),
        Check::Jwt => match jwt_parts(secret) {
            Some((header, payload)) => {
                header.contains("\"alg\"")
                    // A Supabase anon key is public by design; its service_role key has its
                    // own rule.
                    && !(payload.contains("supabase") && payload.contains("\"anon\""))
            }
            None => false,
        },
        Check::SupabaseServiceRole => jwt_parts(secret).is_some_and(|(header, payload)| {
            header.contains("\"alg\"")
                && payload.contains("supabase")
                && payload.contains("\"service_role\"")
        }),
        Check::DockerAuth => base64::engine::general_purpose::STANDARD
            .decode(secret)
            .ok()
            .and_then(|d| {
                let colon = d.iter().position(|&b| b == b':')?;
                Some(colon > 0 && colon + 1 < d.len() && d.iter().all(|b| b.is_ascii_graphic()))
            })
            .unwrap_or(false),
    }
}

/// `user:password` from a URL: a password that is not a documented default, a placeholder, a
/// template or the user's name again (`guest:guest`, `postgres:postgres`).
fn url_password(userinfo: &[u8]) -> bool {
    const DEFAULTS: &[&str] = &[
        "password",
        "passwd",
        "pass",
        "pwd",
        "secret",
        "changeme",
        "change_me",
        "example",
        "test",
        "testing",
        "admin",
        "root",
        "user",
        "username",
        "guest",
        "postgres",
        "mysql",
        "redis",
        "mongo",
        "mongodb",
        "rabbitmq",
        "sa",
        "default",
        "demo",
        "sample",
        "foo",
        "bar",
        "baz",
        "foobar",
        "pw",
        "mypassword",
        "mysecretpassword",
        "yourpassword",
        "your_password",
        "my_password",
        "password1",
        "password123",
        "pass123",
        "pa55w0rd",
        "p4ssw0rd",
        "p@ssw0rd",
        "passw0rd",
        "secret123",
        "topsecret",
        "mysecret",
        "s3cret",
        "letmein",
        "qwerty",
        "1234",
        "12345",
        "123456",
        "abc",
        "abc123",
        "dummy",
        "fake",
        "placeholder",
        "none",
        "null",
        "undefined",
        "token",
        "apikey",
        "key",
        "foobared",
    ];
    let text = String::from_utf8_lossy(userinfo).to_ascii_lowercase();
    let Some((user, password)) = text.split_once(':') else {
        return false;
    };
    let template = password
        .chars()
        .all(|c| c == password.chars().next().unwrap_or('x'))
        || password.starts_with(['$', '{', '<', '[', '%', ':', '@'])
        || [
            "${",
            "{{",
            "<",
            "your_",
            "your-",
            "example",
            "placeholder",
            "changeme",
            "redacted",
            "dummy",
            "xxx",
        ]
        .iter()
        .any(|t| password.contains(t));
    !password.is_empty() && password != user && !DEFAULTS.contains(&password) && !template
}

/// A Google Cloud service-account key file: a JSON object of type `service_account` with a
/// PEM private key and a service account's address.
/// `json` is the key file from its `"type"` to the object's end.
fn gcp_service_account(json: &[u8]) -> bool {
    #[derive(serde::Deserialize)]
    struct Key<'a> {
        #[serde(rename = "type")]
        kind: &'a str,
        private_key: String,
        client_email: &'a str,
    }
    let object = [b"{".as_slice(), json].concat();
    serde_json::from_slice::<Key>(&object).is_ok_and(|k| {
        k.kind == "service_account"
            && k.private_key.contains("PRIVATE KEY-----")
            && k.client_email.ends_with(".gserviceaccount.com")
    })
}

/// A JWT's header and payload as text (lossy), if the header decodes to a JSON object.
fn jwt_parts(token: &[u8]) -> Option<(String, String)> {
    let mut parts = token.split(|&b| b == b'.');
    let decode = |p: &[u8]| {
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(p.strip_suffix(b"=").unwrap_or(p))
            .ok()
    };
    let header = decode(parts.next()?)?;
    if !header.starts_with(b"{") {
        return None;
    }
    let payload = parts.next()?;
    // The payload may be cut (a template, a partial copy): decode what whole groups there are.
    let whole = &payload[..payload.len() / 4 * 4];
    let payload = decode(whole).unwrap_or_default();
    Some((
        String::from_utf8_lossy(&header).into_owned(),
        String::from_utf8_lossy(&payload).into_owned(),
    ))
}

pub(super) const BASE62: &[u8; 62] =
    b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// The CRC32 (IEEE) of `data` in base62, six characters padded with `0`, as GitHub's and
/// npm's tokens end.
pub(super) fn base62_crc(data: &[u8]) -> String {
    let mut crc = !0u32;
    for &b in data {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    let mut n = u64::from(!crc);
    let mut out = [b'0'; 6];
    for slot in out.iter_mut().rev() {
        *slot = BASE62[(n % 62) as usize];
        n /= 62;
    }
    String::from_utf8(out.to_vec()).expect("ASCII")
}

const BECH32: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";

fn bech32_polymod(values: impl IntoIterator<Item = u8>) -> u32 {
    const GEN: [u32; 5] = [
        0x3b6a_57b2,
        0x2650_8e6d,
        0x1ea1_19fa,
        0x3d42_33dd,
        0x2a14_62b3,
    ];
    let mut chk = 1u32;
    for v in values {
        let top = chk >> 25;
        chk = ((chk & 0x1ff_ffff) << 5) ^ u32::from(v);
        for (i, g) in GEN.iter().enumerate() {
            if (top >> i) & 1 == 1 {
                chk ^= g;
            }
        }
    }
    chk
}

fn hrp_expand(hrp: &[u8]) -> Vec<u8> {
    let mut v: Vec<u8> = hrp.iter().map(|b| b >> 5).collect();
    v.push(0);
    v.extend(hrp.iter().map(|b| b & 31));
    v
}

/// A Bech32 string (BIP 173) whose checksum holds, in either case.
pub(super) fn bech32_valid(s: &[u8]) -> bool {
    let lower = s.to_ascii_lowercase();
    let Some(sep) = lower.iter().rposition(|&b| b == b'1') else {
        return false;
    };
    let (hrp, data) = (&lower[..sep], &lower[sep + 1..]);
    let Some(values) = data
        .iter()
        .map(|c| BECH32.iter().position(|b| b == c).map(|p| p as u8))
        .collect::<Option<Vec<u8>>>()
    else {
        return false;
    };
    data.len() >= 6 && bech32_polymod(hrp_expand(hrp).into_iter().chain(values)) == 1
}

#[cfg(any(test, feature = "samples"))]
/// The six checksum characters that end a Bech32 string of `hrp` and `data` (in the Bech32
/// alphabet, lower case).
pub(super) fn bech32_checksum(hrp: &[u8], data: &[u8]) -> String {
    let values: Vec<u8> = data
        .iter()
        .map(|c| BECH32.iter().position(|b| b == c).unwrap_or(0) as u8)
        .collect();
    let pm = bech32_polymod(hrp_expand(hrp).into_iter().chain(values).chain([0u8; 6])) ^ 1;
    (0..6)
        .map(|i| BECH32[((pm >> (5 * (5 - i))) & 31) as usize] as char)
        .collect()
}
