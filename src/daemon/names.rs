//! Container names: docker's validation rule and its generator of `adjective_surname` names.
//!
//! Names follow moby's `daemon/names` and `pkg/namesgenerator` (identical in docker 24 to 27).
//! The generator draws from the engine's [`Entropy`] port, so a fixed seed gives fixed names.

use std::fmt;

use crate::ports::Entropy;

/// The characters a container name may use, as docker's error message shows them.
pub const VALID_NAME_CHARS: &str = "[a-zA-Z0-9][a-zA-Z0-9_.-]";

/// How many generated names the daemon tries before falling back to the short id.
pub const NAME_ATTEMPTS: u32 = 6;

/// The adjectives of generated names, as in moby (sorted).
#[rustfmt::skip]
pub const LEFT: [&str; 108] = [
    "admiring", "adoring", "affectionate", "agitated", "amazing", "angry", "awesome", "beautiful",
    "blissful", "bold", "boring", "brave", "busy", "charming", "clever", "compassionate",
    "competent", "condescending", "confident", "cool", "cranky", "crazy", "dazzling", "determined",
    "distracted", "dreamy", "eager", "ecstatic", "elastic", "elated", "elegant", "eloquent", "epic",
    "exciting", "fervent", "festive", "flamboyant", "focused", "friendly", "frosty", "funny",
    "gallant", "gifted", "goofy", "gracious", "great", "happy", "hardcore", "heuristic", "hopeful",
    "hungry", "infallible", "inspiring", "intelligent", "interesting", "jolly", "jovial", "keen",
    "kind", "laughing", "loving", "lucid", "magical", "modest", "musing", "mystifying", "naughty",
    "nervous", "nice", "nifty", "nostalgic", "objective", "optimistic", "peaceful", "pedantic",
    "pensive", "practical", "priceless", "quirky", "quizzical", "recursing", "relaxed", "reverent",
    "romantic", "sad", "serene", "sharp", "silly", "sleepy", "stoic", "strange", "stupefied",
    "suspicious", "sweet", "tender", "thirsty", "trusting", "unruffled", "upbeat", "vibrant",
    "vigilant", "vigorous", "wizardly", "wonderful", "xenodochial", "youthful", "zealous", "zen",
];

/// The surnames of notable scientists and hackers that end generated names, as in moby
/// (sorted).
#[rustfmt::skip]
pub const RIGHT: [&str; 236] = [
    "agnesi", "albattani", "allen", "almeida", "antonelli", "archimedes", "ardinghelli",
    "aryabhata", "austin", "babbage", "banach", "banzai", "bardeen", "bartik", "bassi", "beaver",
    "bell", "benz", "bhabha", "bhaskara", "black", "blackburn", "blackwell", "bohr", "booth",
    "borg", "bose", "bouman", "boyd", "brahmagupta", "brattain", "brown", "buck", "burnell",
    "cannon", "carson", "cartwright", "carver", "cerf", "chandrasekhar", "chaplygin", "chatelet",
    "chatterjee", "chaum", "chebyshev", "clarke", "cohen", "colden", "cori", "cray", "curie",
    "curran", "darwin", "davinci", "dewdney", "dhawan", "diffie", "dijkstra", "dirac", "driscoll",
    "dubinsky", "easley", "edison", "einstein", "elbakyan", "elgamal", "elion", "ellis",
    "engelbart", "euclid", "euler", "faraday", "feistel", "fermat", "fermi", "feynman", "franklin",
    "gagarin", "galileo", "galois", "ganguly", "gates", "gauss", "germain", "goldberg", "goldstine",
    "goldwasser", "golick", "goodall", "gould", "greider", "grothendieck", "haibt", "hamilton",
    "haslett", "hawking", "heisenberg", "hellman", "hermann", "herschel", "hertz", "heyrovsky",
    "hodgkin", "hofstadter", "hoover", "hopper", "hugle", "hypatia", "ishizaka", "jackson", "jang",
    "jemison", "jennings", "jepsen", "johnson", "joliot", "jones", "kalam", "kapitsa", "kare",
    "keldysh", "keller", "kepler", "khayyam", "khorana", "kilby", "kirch", "knuth", "kowalevski",
    "lalande", "lamarr", "lamport", "leakey", "leavitt", "lederberg", "lehmann", "lewin",
    "lichterman", "liskov", "lovelace", "lumiere", "mahavira", "margulis", "matsumoto", "maxwell",
    "mayer", "mccarthy", "mcclintock", "mclaren", "mclean", "mcnulty", "meitner", "mendel",
    "mendeleev", "meninsky", "merkle", "mestorf", "mirzakhani", "montalcini", "moore", "morse",
    "moser", "murdock", "napier", "nash", "neumann", "newton", "nightingale", "nobel", "noether",
    "northcutt", "noyce", "panini", "pare", "pascal", "pasteur", "payne", "perlman", "pike",
    "poincare", "poitras", "proskuriakova", "ptolemy", "raman", "ramanujan", "rhodes", "ride",
    "ritchie", "robinson", "roentgen", "rosalind", "rubin", "saha", "sammet", "sanderson",
    "satoshi", "shamir", "shannon", "shaw", "shirley", "shockley", "shtern", "sinoussi", "snyder",
    "solomon", "spence", "stonebraker", "sutherland", "swanson", "swartz", "swirles", "taussig",
    "tesla", "tharp", "thompson", "torvalds", "tu", "turing", "varahamihira", "vaughan", "villani",
    "visvesvaraya", "volhard", "wescoff", "wilbur", "wiles", "williams", "williamson", "wilson",
    "wing", "wozniak", "wright", "wu", "yalow", "yonath", "zhukovsky",
];

/// A container name docker refuses. `Display` gives docker's exact text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidName {
    name: String,
}

impl InvalidName {
    /// The name as the user gave it.
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl fmt::Display for InvalidName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Invalid container name ({}), only {VALID_NAME_CHARS} are allowed",
            self.name
        )
    }
}

impl std::error::Error for InvalidName {}

/// True when `name`, without one leading `/`, matches `^[a-zA-Z0-9][a-zA-Z0-9_.-]+$` (so it
/// has at least two characters).
pub fn is_valid_name(name: &str) -> bool {
    let bare = name.strip_prefix('/').unwrap_or(name);
    let b = bare.as_bytes();
    match b.split_first() {
        Some((first, rest)) => {
            first.is_ascii_alphanumeric()
                && !rest.is_empty()
                && rest
                    .iter()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-'))
        }
        None => false,
    }
}

/// Checks a name given with `--name` or `docker rename` (moby's `ValidateContainerName`).
/// The error shows the name as given, leading `/` included.
pub fn validate_name(name: &str) -> Result<(), InvalidName> {
    if is_valid_name(name) {
        Ok(())
    } else {
        Err(InvalidName {
            name: name.to_owned(),
        })
    }
}

/// A random `adjective_surname` name (moby's `GetRandomName(retry)`): never
/// `boring_wozniak`, and from the first retry on one random digit 0–9 is appended.
pub fn random_name(entropy: &mut dyn Entropy, retry: u32) -> String {
    let mut name = loop {
        let left = LEFT
            .get(pick(entropy, LEFT.len()))
            .copied()
            .unwrap_or("admiring");
        let right = RIGHT
            .get(pick(entropy, RIGHT.len()))
            .copied()
            .unwrap_or("agnesi");
        // Steve Wozniak is not boring.
        if !(left == "boring" && right == "wozniak") {
            break format!("{left}_{right}");
        }
    };
    if retry > 0 {
        name.push_str(&pick(entropy, 10).to_string());
    }
    name
}

/// A name for a new container that was given none (moby's `generateNewName`): up to
/// [`NAME_ATTEMPTS`] generated names, skipping those `is_taken` reports; then the
/// container's short id (its first 12 characters). Returned without the leading `/` docker
/// stores.
pub fn generate_name(
    entropy: &mut dyn Entropy,
    id: &str,
    mut is_taken: impl FnMut(&str) -> bool,
) -> String {
    for retry in 0..NAME_ATTEMPTS {
        let name = random_name(entropy, retry);
        if !is_taken(&name) {
            return name;
        }
    }
    short_id(id)
}

/// The short form of an id (moby's `stringid.TruncateID`): any `algorithm:` prefix dropped,
/// then at most 12 characters.
pub fn short_id(id: &str) -> String {
    let id = id.split_once(':').map_or(id, |(_, rest)| rest);
    id.chars().take(12).collect()
}

/// A uniform index below `n` from 64 random bits (multiply-shift, no modulo bias to speak of).
fn pick(entropy: &mut dyn Entropy, n: usize) -> usize {
    let wide = u128::from(entropy.next_u64()) * n as u128;
    usize::try_from(wide >> 64).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::SeededEntropy;

    fn check(name: &str, expected: &str) {
        let got = match validate_name(name) {
            Ok(()) => "ok".to_owned(),
            Err(e) => e.to_string(),
        };
        assert_eq!(got, expected, "name {name:?}");
    }

    #[test]
    #[rustfmt::skip]
    fn validation() {
        check("web", "ok");
        check("/web", "ok");
        check("a1", "ok");
        check("My_App.v2-x", "ok");
        check("0db", "ok");
        check("a", "Invalid container name (a), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        check("/a", "Invalid container name (/a), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        check("", "Invalid container name (), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        check("/", "Invalid container name (/), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        check("//web", "Invalid container name (//web), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        check("_web", "Invalid container name (_web), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        check("-web", "Invalid container name (-web), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        check("my web", "Invalid container name (my web), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        check("web/1", "Invalid container name (web/1), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        check("wéb", "Invalid container name (wéb), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    }

    #[test]
    fn word_lists_are_moby_s() {
        assert_eq!(LEFT.len(), 108);
        assert_eq!(RIGHT.len(), 236);
        assert!(
            LEFT.windows(2).all(|w| w[0] < w[1]),
            "left is sorted and unique"
        );
        assert!(
            RIGHT.windows(2).all(|w| w[0] < w[1]),
            "right is sorted and unique"
        );
        assert_eq!((LEFT[0], LEFT[107]), ("admiring", "zen"));
        assert_eq!((RIGHT[0], RIGHT[235]), ("agnesi", "zhukovsky"));
        assert!(LEFT.contains(&"boring") && RIGHT.contains(&"wozniak"));
    }

    #[test]
    fn names_are_deterministic_and_valid() {
        let names = |seed| {
            let mut e = SeededEntropy::new(seed);
            (0..200)
                .map(|i| random_name(&mut e, i % 3))
                .collect::<Vec<_>>()
        };
        let a = names(42);
        assert_eq!(a, names(42));
        assert_ne!(a, names(43));
        for (i, name) in a.iter().enumerate() {
            assert!(is_valid_name(name), "{name}");
            let (left, right) = name.split_once('_').unwrap();
            assert!(LEFT.contains(&left), "{name}");
            let (surname, digit) = if i % 3 == 0 {
                (right, "")
            } else {
                right.split_at(right.len() - 1)
            };
            assert!(RIGHT.contains(&surname), "{name}");
            assert!(
                digit.is_empty() || digit.bytes().all(|b| b.is_ascii_digit()),
                "{name}"
            );
        }
    }

    /// Entropy that replays fixed values, then repeats the last one.
    struct Replay(Vec<u64>);

    impl Entropy for Replay {
        fn next_u64(&mut self) -> u64 {
            if self.0.len() > 1 {
                self.0.remove(0)
            } else {
                self.0.first().copied().unwrap_or(0)
            }
        }
    }

    /// The 64-bit value that picks index `i` of `n`.
    fn at(i: usize, n: usize) -> u64 {
        ((i as u128) << 64).div_ceil(n as u128) as u64
    }

    #[test]
    fn boring_wozniak_is_never_produced() {
        let boring = LEFT.iter().position(|w| *w == "boring").unwrap();
        let wozniak = RIGHT.iter().position(|w| *w == "wozniak").unwrap();
        let mut e = Replay(vec![
            at(boring, 108),
            at(wozniak, 236),
            at(boring, 108),
            at(wozniak - 1, 236),
        ]);
        assert_eq!(random_name(&mut e, 0), "boring_wing");
        let mut e = Replay(vec![at(0, 108), at(0, 236), at(7, 10)]);
        assert_eq!(random_name(&mut e, 1), "admiring_agnesi7");
        let mut e = Replay(vec![at(107, 108), at(235, 236), at(9, 10)]);
        assert_eq!(random_name(&mut e, 5), "zen_zhukovsky9");
    }

    #[test]
    fn generation_retries_then_falls_back_to_the_short_id() {
        let id = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        let mut e = SeededEntropy::new(7);
        let first = generate_name(&mut e, id, |_| false);
        assert!(!first.ends_with(|c: char| c.is_ascii_digit()), "{first}");

        let mut tried = Vec::new();
        let name = generate_name(&mut SeededEntropy::new(7), id, |n| {
            tried.push(n.to_owned());
            tried.len() < 3
        });
        assert_eq!(tried.len(), 3);
        assert_eq!(tried[0], first);
        assert_eq!(name, tried[2]);
        assert!(tried[1..]
            .iter()
            .all(|n| n.ends_with(|c: char| c.is_ascii_digit())));

        let mut count = 0;
        let name = generate_name(&mut SeededEntropy::new(7), id, |_| {
            count += 1;
            true
        });
        assert_eq!((count, name.as_str()), (6, "0123456789ab"));
        assert_eq!(short_id("sha256:abcdef0123456789"), "abcdef012345");
        assert_eq!(short_id("abc"), "abc");
    }
}
