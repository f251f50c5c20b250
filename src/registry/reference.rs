//! Image references (`nginx:1.25-alpine`, `localhost:5000/foo@sha256:…`), parsed and normalized
//! exactly as docker 27 does with `distribution/reference` v0.6.0 and `go-digest` v1.0.0.
//!
//! The grammar, matched by hand rather than by regular expressions:
//!
//! ```text
//! reference        := name [ ":" tag ] [ "@" digest ]
//! name             := [domain "/"] remote-name
//! domain           := host [":" port-number]
//! host             := domain-name | "[" IPv6 "]"
//! domain-name      := domain-component ["." domain-component]*
//! domain-component := [a-zA-Z0-9] | [a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]
//! port-number      := [0-9]+
//! remote-name      := path-component ["/" path-component]*
//! path-component   := [a-z0-9]+ ([._] | "__" | [-]+) [a-z0-9]+ …
//! tag              := [\w][\w.-]{0,127}
//! digest           := algorithm ":" hex     ; algorithm [A-Za-z][A-Za-z0-9]*([-_+.] …)*, hex ≥ 32
//! identifier       := [a-f0-9]{64}
//! ```
//!
//! Normalization ([`parse_normalized_named`]) is what the CLI and daemon apply to what a user
//! types: no domain means `docker.io`, a single-component Docker Hub name gets `library/`, and
//! `index.docker.io` becomes `docker.io`. [`Reference::familiar_string`] turns it back.

use std::fmt;

/// The registry of images named without a domain (Docker Hub).
pub const DEFAULT_DOMAIN: &str = "docker.io";

/// The old name of Docker Hub's registry; rewritten to [`DEFAULT_DOMAIN`].
pub const LEGACY_DEFAULT_DOMAIN: &str = "index.docker.io";

/// The namespace of official images on Docker Hub.
pub const OFFICIAL_REPO_PREFIX: &str = "library/";

/// The tag [`Reference::tag_name_only`] adds.
pub const DEFAULT_TAG: &str = "latest";

/// The longest repository path (without the domain) a reference may have.
pub const REPOSITORY_NAME_TOTAL_LENGTH_MAX: usize = 255;

const LOCALHOST: &str = "localhost";

/// Why a reference was rejected. `Display` gives docker's exact text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReferenceError {
    /// `invalid reference format`
    InvalidFormat,
    /// `invalid tag format`
    TagInvalidFormat,
    /// `repository name must be lowercase` (from [`parse`]; the normalizing parsers report
    /// [`ReferenceError::NotLowercase`] first).
    NameContainsUppercase,
    /// `repository name must have at least one component`
    NameEmpty,
    /// `repository name must not be more than 255 characters`
    NameTooLong,
    /// `repository name must be canonical`
    NameNotCanonical,
    /// `invalid reference format: repository name (<remote>) must be lowercase`; carries the
    /// normalized remote name, e.g. `library/UPPER`.
    NotLowercase(String),
    /// `invalid repository name (<input>), cannot specify 64-byte hexadecimal strings`
    HexIdentifier(String),
    /// The digest part did not validate.
    Digest(DigestError),
}

impl fmt::Display for ReferenceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReferenceError::InvalidFormat => f.write_str("invalid reference format"),
            ReferenceError::TagInvalidFormat => f.write_str("invalid tag format"),
            ReferenceError::NameContainsUppercase => {
                f.write_str("repository name must be lowercase")
            }
            ReferenceError::NameEmpty => {
                f.write_str("repository name must have at least one component")
            }
            ReferenceError::NameTooLong => write!(
                f,
                "repository name must not be more than {REPOSITORY_NAME_TOTAL_LENGTH_MAX} characters"
            ),
            ReferenceError::NameNotCanonical => f.write_str("repository name must be canonical"),
            ReferenceError::NotLowercase(remote) => write!(
                f,
                "invalid reference format: repository name ({remote}) must be lowercase"
            ),
            ReferenceError::HexIdentifier(s) => write!(
                f,
                "invalid repository name ({s}), cannot specify 64-byte hexadecimal strings"
            ),
            ReferenceError::Digest(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for ReferenceError {}

impl From<DigestError> for ReferenceError {
    fn from(e: DigestError) -> Self {
        ReferenceError::Digest(e)
    }
}

/// Why a digest was rejected (go-digest's errors). `Display` gives docker's exact text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DigestError {
    /// `invalid checksum digest format`
    InvalidFormat,
    /// `invalid checksum digest length`
    InvalidLength,
    /// `unsupported digest algorithm`
    Unsupported,
}

impl fmt::Display for DigestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DigestError::InvalidFormat => "invalid checksum digest format",
            DigestError::InvalidLength => "invalid checksum digest length",
            DigestError::Unsupported => "unsupported digest algorithm",
        })
    }
}

impl std::error::Error for DigestError {}

/// A content digest such as `sha256:e669…`: a known algorithm (`sha256`, `sha384`, `sha512`)
/// and exactly as many lower-case hex digits as that hash has.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Digest(String);

impl Digest {
    /// Validates `s` as go-digest's `Parse` does.
    pub fn parse(s: &str) -> Result<Digest, DigestError> {
        let Some(i) = s.find(':').filter(|&i| i > 0 && i + 1 < s.len()) else {
            return Err(DigestError::InvalidFormat);
        };
        let (algorithm, encoded) = (&s[..i], &s[i + 1..]);
        let size = match algorithm {
            "sha256" => 32,
            "sha384" => 48,
            "sha512" => 64,
            _ if matches_go_digest(algorithm, encoded) => return Err(DigestError::Unsupported),
            _ => return Err(DigestError::InvalidFormat),
        };
        if encoded.len() != size * 2 {
            return Err(DigestError::InvalidLength);
        }
        if !encoded
            .bytes()
            .all(|b| matches!(b, b'a'..=b'f' | b'0'..=b'9'))
        {
            return Err(DigestError::InvalidFormat);
        }
        Ok(Digest(s.to_owned()))
    }

    /// The `sha256:<hex>` digest of a 64-hex image or layer id.
    pub fn sha256(hex: &str) -> Result<Digest, DigestError> {
        Digest::parse(&format!("sha256:{hex}"))
    }

    /// The algorithm, e.g. `sha256`.
    pub fn algorithm(&self) -> &str {
        self.0.split_once(':').map_or("", |(a, _)| a)
    }

    /// The hex part after the colon.
    pub fn encoded(&self) -> &str {
        self.0.split_once(':').map_or("", |(_, e)| e)
    }

    /// The whole digest, `algorithm:hex`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A named image reference: a repository (domain and path), optionally a tag and a digest.
///
/// Which of tag and digest are present says which Go type docker would hold (repository,
/// tagged, canonical, or both). Made only by the parsers here, so it is always valid.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Reference {
    domain: String,
    path: String,
    tag: Option<String>,
    digest: Option<Digest>,
}

impl Reference {
    /// The domain, e.g. `docker.io` or `localhost:5000`; empty for an unnormalized name
    /// without one.
    pub fn domain(&self) -> &str {
        &self.domain
    }

    /// The repository path after the domain, e.g. `library/nginx`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The tag, if the reference has one.
    pub fn tag(&self) -> Option<&str> {
        self.tag.as_deref()
    }

    /// The digest, if the reference has one.
    pub fn digest(&self) -> Option<&Digest> {
        self.digest.as_ref()
    }

    /// The repository name: `domain/path`, or the path alone when there is no domain.
    pub fn name(&self) -> String {
        if self.domain.is_empty() {
            self.path.clone()
        } else {
            format!("{}/{}", self.domain, self.path)
        }
    }

    /// True when there is neither tag nor digest (docker's `IsNameOnly`).
    pub fn is_name_only(&self) -> bool {
        self.tag.is_none() && self.digest.is_none()
    }

    /// The reference with the tag `latest` added when it has neither tag nor digest
    /// (docker's `TagNameOnly`).
    pub fn tag_name_only(&self) -> Reference {
        let mut r = self.clone();
        if r.is_name_only() {
            r.tag = Some(DEFAULT_TAG.to_owned());
        }
        r
    }

    /// The repository alone, without tag or digest (docker's `TrimNamed`).
    pub fn trim_named(&self) -> Reference {
        Reference {
            domain: self.domain.clone(),
            path: self.path.clone(),
            tag: None,
            digest: None,
        }
    }

    /// The same repository (and digest, if any) with tag `tag` (docker's `WithTag`).
    pub fn with_tag(&self, tag: &str) -> Result<Reference, ReferenceError> {
        if !matches_tag(tag) {
            return Err(ReferenceError::TagInvalidFormat);
        }
        let mut r = self.clone();
        r.tag = Some(tag.to_owned());
        Ok(r)
    }

    /// The same repository (and tag, if any) with `digest` (docker's `WithDigest`).
    pub fn with_digest(&self, digest: Digest) -> Reference {
        let mut r = self.clone();
        r.digest = Some(digest);
        r
    }

    /// The short form docker shows users: `docker.io/` dropped, and `library/` dropped from
    /// single-level official names. Tag and digest are kept.
    pub fn familiar(&self) -> Reference {
        let mut r = self.clone();
        if r.domain == DEFAULT_DOMAIN {
            r.domain.clear();
            if let Some(rest) = r.path.strip_prefix(OFFICIAL_REPO_PREFIX) {
                if !rest.contains('/') {
                    r.path = rest.to_owned();
                }
            }
        }
        r
    }

    /// The familiar repository name, e.g. `nginx` or `user/repo` (docker's `FamiliarName`).
    pub fn familiar_name(&self) -> String {
        self.familiar().name()
    }

    /// The familiar reference, e.g. `nginx:1.25-alpine` (docker's `FamiliarString`).
    pub fn familiar_string(&self) -> String {
        self.familiar().to_string()
    }
}

/// The full reference: `name[:tag][@digest]` (docker's `String()`).
impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.domain.is_empty() {
            write!(f, "{}/", self.domain)?;
        }
        f.write_str(&self.path)?;
        if let Some(tag) = &self.tag {
            write!(f, ":{tag}")?;
        }
        if let Some(digest) = &self.digest {
            write!(f, "@{digest}")?;
        }
        Ok(())
    }
}

/// What [`parse_any_reference`] found: a name, or a bare digest (an image id).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum AnyReference {
    /// A named reference, normalized.
    Named(Reference),
    /// A digest given alone: `sha256:<hex>`, or 64 hex digits taken as a sha256 image id.
    Digest(Digest),
}

impl fmt::Display for AnyReference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnyReference::Named(r) => r.fmt(f),
            AnyReference::Digest(d) => d.fmt(f),
        }
    }
}

/// Parses a reference as written, without normalizing (docker's `reference.Parse`): `busybox`
/// has no domain here.
pub fn parse(s: &str) -> Result<Reference, ReferenceError> {
    if s.is_empty() {
        return Err(ReferenceError::NameEmpty);
    }
    let Some(m) = match_reference(s) else {
        let lower = go_to_lower(s);
        if lower != s && match_reference(&lower).is_some() {
            return Err(ReferenceError::NameContainsUppercase);
        }
        return Err(ReferenceError::InvalidFormat);
    };
    if m.path.len() > REPOSITORY_NAME_TOTAL_LENGTH_MAX {
        return Err(ReferenceError::NameTooLong);
    }
    let digest = match m.digest {
        Some(d) => Some(Digest::parse(d)?),
        None => None,
    };
    Ok(Reference {
        domain: m.domain.to_owned(),
        path: m.path.to_owned(),
        tag: m.tag.map(str::to_owned),
        digest,
    })
}

/// Parses what a user typed into a fully qualified reference (docker's
/// `ParseNormalizedNamed`): `busybox` → `docker.io/library/busybox`. No tag is added.
pub fn parse_normalized_named(s: &str) -> Result<Reference, ReferenceError> {
    if is_identifier(s) {
        return Err(ReferenceError::HexIdentifier(s.to_owned()));
    }
    let (domain, remainder) = split_docker_domain(s);
    let remote = remainder.split(':').next().unwrap_or_default();
    if go_to_lower(remote) != remote {
        return Err(ReferenceError::NotLowercase(remote.to_owned()));
    }
    parse(&format!("{domain}/{remainder}"))
}

/// Like [`parse_normalized_named`], but the input must already be in canonical form
/// (docker's `ParseNamed`).
pub fn parse_named(s: &str) -> Result<Reference, ReferenceError> {
    let named = parse_normalized_named(s)?;
    if named.to_string() != s {
        return Err(ReferenceError::NameNotCanonical);
    }
    Ok(named)
}

/// Normalizes as the daemon does before resolving an image (docker's `ParseDockerRef`):
/// `latest` is added to a bare name, and when both tag and digest are given the tag is dropped.
pub fn parse_docker_ref(s: &str) -> Result<Reference, ReferenceError> {
    let named = parse_normalized_named(s)?;
    if named.tag.is_some() && named.digest.is_some() {
        return Ok(Reference { tag: None, ..named });
    }
    Ok(named.tag_name_only())
}

/// Parses an image argument that may be an id, a digest or a name (docker's
/// `ParseAnyReference`): 64 hex digits are a sha256 image id; a valid digest stands alone;
/// anything else is a normalized name.
pub fn parse_any_reference(s: &str) -> Result<AnyReference, ReferenceError> {
    if is_identifier(s) {
        return Ok(AnyReference::Digest(Digest(format!("sha256:{s}"))));
    }
    if let Ok(d) = Digest::parse(s) {
        return Ok(AnyReference::Digest(d));
    }
    parse_normalized_named(s).map(AnyReference::Named)
}

/// A repository from a name with no tag or digest, not normalized (docker's `WithName`).
pub fn with_name(name: &str) -> Result<Reference, ReferenceError> {
    let Some((domain, path)) = split_name(name) else {
        return Err(ReferenceError::InvalidFormat);
    };
    if path.len() > REPOSITORY_NAME_TOTAL_LENGTH_MAX {
        return Err(ReferenceError::NameTooLong);
    }
    Ok(Reference {
        domain: domain.to_owned(),
        path: path.to_owned(),
        tag: None,
        digest: None,
    })
}

/// True for exactly 64 lower-case hex digits: a full image id, which may not be used as a name.
pub fn is_identifier(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| matches!(b, b'a'..=b'f' | b'0'..=b'9'))
}

/// True when `tag` is a valid tag: `[\w][\w.-]{0,127}`.
pub fn matches_tag(tag: &str) -> bool {
    let b = tag.as_bytes();
    match b.split_first() {
        Some((first, rest)) => {
            b.len() <= 128
                && is_word(*first)
                && rest.iter().all(|&c| is_word(c) || c == b'.' || c == b'-')
        }
        None => false,
    }
}

/// Splits a familiar name into domain and remote name, adding the defaults (docker's
/// `splitDockerDomain`).
fn split_docker_domain(name: &str) -> (String, String) {
    let Some((maybe_domain, maybe_remote)) = name.split_once('/') else {
        return (
            DEFAULT_DOMAIN.to_owned(),
            format!("{OFFICIAL_REPO_PREFIX}{name}"),
        );
    };
    let (domain, remote) = if maybe_domain == LOCALHOST {
        (maybe_domain, maybe_remote)
    } else if maybe_domain == LEGACY_DEFAULT_DOMAIN {
        (DEFAULT_DOMAIN, maybe_remote)
    } else if maybe_domain.contains(['.', ':']) || go_to_lower(maybe_domain) != maybe_domain {
        (maybe_domain, maybe_remote)
    } else {
        (DEFAULT_DOMAIN, name)
    };
    if domain == DEFAULT_DOMAIN && !remote.contains('/') {
        return (domain.to_owned(), format!("{OFFICIAL_REPO_PREFIX}{remote}"));
    }
    (domain.to_owned(), remote.to_owned())
}

/// The parts of a string that matches the whole reference grammar.
struct RefMatch<'a> {
    domain: &'a str,
    path: &'a str,
    tag: Option<&'a str>,
    digest: Option<&'a str>,
}

/// Matches `^(name)(?::(tag))?(?:@(digest))?$`, with the captures the regular expression would
/// give. `@` occurs in no part but the separator; a tag's `:` can only follow the last `/`,
/// and the name has no `:` there (a port belongs to the domain, before the first `/`).
fn match_reference(s: &str) -> Option<RefMatch<'_>> {
    let (name_tag, digest) = match s.split_once('@') {
        Some((nt, d)) => (nt, Some(d)),
        None => (s, None),
    };
    if let Some(d) = digest {
        if !matches_reference_digest(d) {
            return None;
        }
    }
    let last = name_tag.rfind('/').map_or(0, |i| i + 1);
    let (name, tag) = match name_tag[last..].find(':') {
        Some(j) => (&name_tag[..last + j], Some(&name_tag[last + j + 1..])),
        None => (name_tag, None),
    };
    if let Some(t) = tag {
        if !matches_tag(t) {
            return None;
        }
    }
    let (domain, path) = split_name(name)?;
    Some(RefMatch {
        domain,
        path,
        tag,
        digest,
    })
}

/// Matches `^(?:(domain)/)?(remote-name)$`. Like the regular expression, it prefers reading
/// the first component as a domain when both readings are possible.
fn split_name(name: &str) -> Option<(&str, &str)> {
    if let Some((domain, rest)) = name.split_once('/') {
        if matches_domain_and_port(domain) && matches_remote_name(rest) {
            return Some((domain, rest));
        }
    }
    matches_remote_name(name).then_some(("", name))
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn is_lower_alnum(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit()
}

/// `path-component ("/" path-component)*`
fn matches_remote_name(s: &str) -> bool {
    s.split('/').all(matches_path_component)
}

/// `[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*`. Separators and alphanumerics are disjoint, so
/// reading each separator greedily decides the match.
fn matches_path_component(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    loop {
        let start = i;
        while i < b.len() && is_lower_alnum(b[i]) {
            i += 1;
        }
        if i == start {
            return false;
        }
        if i == b.len() {
            return true;
        }
        match b[i] {
            b'.' => i += 1,
            b'_' => {
                i += 1;
                if b.get(i) == Some(&b'_') {
                    i += 1;
                }
            }
            b'-' => {
                while b.get(i) == Some(&b'-') {
                    i += 1;
                }
            }
            _ => return false,
        }
    }
}

/// `host (":" [0-9]+)?` where host is a domain name or a bracketed IPv6 address.
fn matches_domain_and_port(s: &str) -> bool {
    let (host, port) = if s.starts_with('[') {
        match s.find(']') {
            Some(i) => (&s[..=i], &s[i + 1..]),
            None => return false,
        }
    } else {
        match s.find(':') {
            Some(i) => (&s[..i], &s[i..]),
            None => (s, ""),
        }
    };
    let port_ok = port.is_empty()
        || port
            .strip_prefix(':')
            .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    port_ok && (matches_ipv6_host(host) || host.split('.').all(matches_domain_component))
}

/// `\[(?:[a-fA-F0-9:]+)\]`
fn matches_ipv6_host(s: &str) -> bool {
    s.strip_prefix('[')
        .and_then(|r| r.strip_suffix(']'))
        .is_some_and(|inner| {
            !inner.is_empty() && inner.bytes().all(|b| b.is_ascii_hexdigit() || b == b':')
        })
}

/// `[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]`
fn matches_domain_component(s: &str) -> bool {
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (Some(f), Some(l)) => {
            f.is_ascii_alphanumeric()
                && l.is_ascii_alphanumeric()
                && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
        }
        _ => false,
    }
}

/// The reference grammar's digest:
/// `[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][[:xdigit:]]{32,}`
fn matches_reference_digest(s: &str) -> bool {
    let Some((algorithm, hex)) = s.split_once(':') else {
        return false;
    };
    let component_ok = |c: &str| {
        let b = c.as_bytes();
        b.first().is_some_and(u8::is_ascii_alphabetic) && b.iter().all(u8::is_ascii_alphanumeric)
    };
    algorithm.split(['-', '_', '+', '.']).all(component_ok)
        && hex.len() >= 32
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
}

/// go-digest's `DigestRegexpAnchored` on `algorithm:encoded`:
/// `^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$`
fn matches_go_digest(algorithm: &str, encoded: &str) -> bool {
    let component_ok = |c: &str| !c.is_empty() && c.bytes().all(is_lower_alnum);
    algorithm.split(['.', '+', '_', '-']).all(component_ok)
        && !encoded.is_empty()
        && encoded
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'=' | b'_' | b'-'))
}

/// Go's `strings.ToLower`: one character for one (Go uses the simple case mappings, so `İ`
/// becomes `i`, not `i̇`, and `Σ` is always `σ`).
fn go_to_lower(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c == '\u{130}' {
                'i'
            } else {
                c.to_lowercase().next().unwrap_or(c)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `expected` is `String | FamiliarString | FamiliarString after TagNameOnly`, or
    /// `error: <text>`.
    fn check(input: &str, expected: &str) {
        let got = match parse_normalized_named(input) {
            Ok(r) => format!(
                "{} | {} | {}",
                r,
                r.familiar_string(),
                r.tag_name_only().familiar_string()
            ),
            Err(e) => format!("error: {e}"),
        };
        assert_eq!(got, expected, "ParseNormalizedNamed({input:?})");
    }

    const HEX: &str = "e6693c20186f837fc393390135d8a598a96a833917917789d63766cab6c59582";

    #[test]
    #[rustfmt::skip]
    fn normalized_named_table() {
        check("busybox", "docker.io/library/busybox | busybox | busybox:latest");
        check("docker.io/busybox", "docker.io/library/busybox | busybox | busybox:latest");
        check("index.docker.io/library/busybox", "docker.io/library/busybox | busybox | busybox:latest");
        check("nginx:1.25-alpine", "docker.io/library/nginx:1.25-alpine | nginx:1.25-alpine | nginx:1.25-alpine");
        check("docker.io/user/repo", "docker.io/user/repo | user/repo | user/repo:latest");
        check("localhost:5000/foo:bar", "localhost:5000/foo:bar | localhost:5000/foo:bar | localhost:5000/foo:bar");
        check("ghcr.io/owner/img:v1.2.3", "ghcr.io/owner/img:v1.2.3 | ghcr.io/owner/img:v1.2.3 | ghcr.io/owner/img:v1.2.3");
        check(&format!("busybox:1.36@sha256:{HEX}"), &format!("docker.io/library/busybox:1.36@sha256:{HEX} | busybox:1.36@sha256:{HEX} | busybox:1.36@sha256:{HEX}"));
        check("test.com:5000", "docker.io/library/test.com:5000 | test.com:5000 | test.com:5000");
        check("foo_bar.com:8080", "docker.io/library/foo_bar.com:8080 | foo_bar.com:8080 | foo_bar.com:8080");
        check("[fc00::1]:5000/docker", "[fc00::1]:5000/docker | [fc00::1]:5000/docker | [fc00::1]:5000/docker:latest");
        check("lowercase:Uppercase", "docker.io/library/lowercase:Uppercase | lowercase:Uppercase | lowercase:Uppercase");
        check("", "error: invalid reference format");
        check("docker/Docker", "error: invalid reference format: repository name (docker/Docker) must be lowercase");
        check("alpine:", "error: invalid reference format");
        check("repo@sha256:ffffffffffffffffffffffffffffffffff", "error: invalid checksum digest length");
        check("-docker", "error: invalid reference format");
        check("docker-/docker", "error: invalid reference format");
        check("dock..er/docker", "error: invalid reference format");
        check("a b", "error: invalid reference format");
        check("[fc00::1]", "error: invalid reference format");
        check(&format!("domain/{}:tag", "a".repeat(256)), "error: repository name must not be more than 255 characters");
        check("d/docker", "docker.io/d/docker | d/docker | d/docker:latest");
    }

    #[test]
    #[rustfmt::skip]
    fn normalized_named_more() {
        check("UPPER", "error: invalid reference format: repository name (library/UPPER) must be lowercase");
        check("Docker/docker", "Docker/docker | Docker/docker | Docker/docker:latest");
        check("localhost/foo", "localhost/foo | localhost/foo | localhost/foo:latest");
        check("localhost", "docker.io/library/localhost | localhost | localhost:latest");
        check("library/ubuntu", "docker.io/library/ubuntu | ubuntu | ubuntu:latest");
        check("library/a/b", "docker.io/library/a/b | library/a/b | library/a/b:latest");
        check("foo__bar", "docker.io/library/foo__bar | foo__bar | foo__bar:latest");
        check("foo___bar", "error: invalid reference format");
        check("foo---bar", "docker.io/library/foo---bar | foo---bar | foo---bar:latest");
        check("foo._bar", "error: invalid reference format");
        check("127.0.0.1:5000/x", "127.0.0.1:5000/x | 127.0.0.1:5000/x | 127.0.0.1:5000/x:latest");
        check("foo_bar.com:8080/x", "error: invalid reference format");
        check("a:b:c", "error: invalid reference format");
        check(HEX, &format!("error: invalid repository name ({HEX}), cannot specify 64-byte hexadecimal strings"));
        check(
            &format!("a:{}", "t".repeat(128)),
            &format!(
                "docker.io/library/a:{t} | a:{t} | a:{t}",
                t = "t".repeat(128)
            ),
        );
        check(&format!("a:{}", "t".repeat(129)), "error: invalid reference format");
        check("a:.x", "error: invalid reference format");
        check("a:_x.-y", "docker.io/library/a:_x.-y | a:_x.-y | a:_x.-y");
        check(&format!("a@sha512:{HEX}"), "error: invalid checksum digest length");
        check(&format!("a@md5:{HEX}"), "error: unsupported digest algorithm");
        check(&format!("a@SHA256:{HEX}"), "error: invalid reference format: repository name (library/a@SHA256) must be lowercase");
        check(&format!("a:t@SHA256:{HEX}"), "error: invalid checksum digest format");
        check(&format!("a@sha256:{}", HEX.to_uppercase()), "error: invalid checksum digest format");
        check(&format!("a@sha256:{HEX}"), &format!("docker.io/library/a@sha256:{HEX} | a@sha256:{HEX} | a@sha256:{HEX}"));
        check("a@sha256:abc", "error: invalid reference format");
        // The limit counts the path only (v0.6.0), not the domain.
        check(
            &format!("example.com/{}", "a".repeat(255)),
            &format!(
                "example.com/{a} | example.com/{a} | example.com/{a}:latest",
                a = "a".repeat(255)
            ),
        );
        check(
            &format!("a/{}", "b".repeat(253)),
            &format!(
                "docker.io/a/{b} | a/{b} | a/{b}:latest",
                b = "b".repeat(253)
            ),
        );
        check(&format!("a/{}", "b".repeat(254)), "error: repository name must not be more than 255 characters");
        check("a/b:c/d", "error: invalid reference format");
        check("ünïcode", "error: invalid reference format");
        check("Ünïcode", "error: invalid reference format: repository name (library/Ünïcode) must be lowercase");
    }

    #[test]
    fn plain_parse_keeps_what_was_written() {
        let check = |input: &str, expected: &str| {
            let got = match parse(input) {
                Ok(r) => format!("{} [{}] [{}]", r, r.domain(), r.path()),
                Err(e) => format!("error: {e}"),
            };
            assert_eq!(got, expected, "Parse({input:?})");
        };
        check("busybox", "busybox [] [busybox]");
        check("a/b", "a/b [a] [b]");
        check("a/b/c", "a/b/c [a] [b/c]");
        check("Docker/docker", "Docker/docker [Docker] [docker]");
        check("test.com:5000", "test.com:5000 [] [test.com]");
        check(
            "",
            "error: repository name must have at least one component",
        );
        check("Busybox", "error: repository name must be lowercase");
        check("a/B:x", "error: repository name must be lowercase");
        check("a b", "error: invalid reference format");
    }

    #[test]
    #[rustfmt::skip]
    fn docker_ref_table() {
        let check = |input: &str, expected: &str| {
            let got = match parse_docker_ref(input) {
                Ok(r) => r.to_string(),
                Err(e) => format!("error: {e}"),
            };
            assert_eq!(got, expected, "ParseDockerRef({input:?})");
        };
        check("busybox:latest", "docker.io/library/busybox:latest");
        check("gcr.io/library/busybox", "gcr.io/library/busybox:latest");
        check("busybox", "docker.io/library/busybox:latest");
        check(&format!("busybox:1.36@sha256:{HEX}"), &format!("docker.io/library/busybox@sha256:{HEX}"));
        check(&format!("busybox@sha256:{HEX}"), &format!("docker.io/library/busybox@sha256:{HEX}"));
        check("a b", "error: invalid reference format");
    }

    #[test]
    fn any_reference_table() {
        let check = |input: &str, expected: &str| {
            let got = match parse_any_reference(input) {
                Ok(AnyReference::Named(r)) => format!("repository {r}"),
                Ok(AnyReference::Digest(d)) => format!("digest {d}"),
                Err(e) => format!("error: {e}"),
            };
            assert_eq!(got, expected, "ParseAnyReference({input:?})");
        };
        check("redis", "repository docker.io/library/redis");
        check("a b", "error: invalid reference format");
        check("b2f5d6b1c1d6", "repository docker.io/library/b2f5d6b1c1d6");
        check(HEX, &format!("digest sha256:{HEX}"));
        check(&format!("sha256:{HEX}"), &format!("digest sha256:{HEX}"));
        check("redis:7@sha256:abc", "error: invalid reference format");
    }

    #[test]
    fn accessors_and_builders() {
        let r = parse_normalized_named("localhost:5000/team/app:v2").unwrap();
        assert_eq!(r.domain(), "localhost:5000");
        assert_eq!(r.path(), "team/app");
        assert_eq!(r.tag(), Some("v2"));
        assert_eq!(r.digest(), None);
        assert_eq!(r.name(), "localhost:5000/team/app");
        assert_eq!(r.familiar_name(), "localhost:5000/team/app");
        assert_eq!(r.trim_named().to_string(), "localhost:5000/team/app");

        let n = parse_normalized_named("nginx").unwrap();
        assert!(n.is_name_only());
        assert_eq!(n.familiar_name(), "nginx");
        assert_eq!(
            n.with_tag("1.25").unwrap().to_string(),
            "docker.io/library/nginx:1.25"
        );
        assert_eq!(n.with_tag("-x"), Err(ReferenceError::TagInvalidFormat));
        let d = Digest::sha256(HEX).unwrap();
        assert_eq!(d.algorithm(), "sha256");
        assert_eq!(d.encoded(), HEX);
        let nd = n.with_digest(d);
        assert!(!nd.is_name_only());
        assert_eq!(
            nd.tag_name_only().familiar_string(),
            format!("nginx@sha256:{HEX}")
        );

        assert_eq!(
            with_name("docker.io/library/nginx")
                .unwrap()
                .familiar_string(),
            "nginx"
        );
        assert_eq!(
            with_name("nginx:1").map_err(|e| e.to_string()),
            Err("invalid reference format".to_owned())
        );
        assert_eq!(
            parse_named("docker.io/library/nginx").unwrap().to_string(),
            "docker.io/library/nginx"
        );
        assert_eq!(parse_named("nginx"), Err(ReferenceError::NameNotCanonical));
    }

    #[test]
    fn digests() {
        let check = |input: &str, expected: &str| {
            let got = match Digest::parse(input) {
                Ok(d) => d.to_string(),
                Err(e) => format!("error: {e}"),
            };
            assert_eq!(got, expected, "digest.Parse({input:?})");
        };
        check(&format!("sha256:{HEX}"), &format!("sha256:{HEX}"));
        check(":abc", "error: invalid checksum digest format");
        check("sha256:", "error: invalid checksum digest format");
        check("sha256", "error: invalid checksum digest format");
        check("sha256:abc", "error: invalid checksum digest length");
        check(
            &format!("sha256:{}", "g".repeat(64)),
            "error: invalid checksum digest format",
        );
        check(
            &format!("sha384:{}", "a".repeat(96)),
            &format!("sha384:{}", "a".repeat(96)),
        );
        check("md5:abc", "error: unsupported digest algorithm");
        check("MD5:abc", "error: invalid checksum digest format");
        check("sha256+b64:abc=", "error: unsupported digest algorithm");
    }
}
