//! Which read-only data the rest alone reads, so it can travel with the rest.
//!
//! The linker's map (wasm-ld `--Map`) gives the extent of every read-only input section (a
//! string, a table, a help text). A section stays in the first load when code that stays
//! there names an address in or near it (an `i32.const` or a load/store offset), or when data
//! that stays holds a pointer into it; everything else is read only by moved code, which runs
//! only after the rest is instantiated, so the rest's own active segments write it into the
//! shared memory then, and the first load's segments leave those bytes zero.

use std::collections::HashSet;

/// How far after an address named by code a section still counts as used: compilers fold
/// an index's constant into the base (`TABLE[c - 'a']` becomes `TABLE - 388 + 4*c`).
pub const NEAR: u32 = 1024;

/// One read-only input section: bytes `start..end` of memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Piece {
    pub start: u32,
    pub end: u32,
    /// The linker's merged strings (`<internal>`): NUL-terminated strings (format templates,
    /// C strings) the linker deduplicated; [`strings`] cuts it into one piece per string.
    pub merged: bool,
}

/// How far before and after an address named by code (not at a piece's start) a piece still
/// counts as used when it is a merged string: the strings within a 16-byte constant's reach.
const NEAR_STRING: (u32, u32) = (32, 64);

/// Cuts each merged piece into its NUL-terminated strings, the linker's own unit: a pointer
/// into one (tail merging makes `"bc"` point into `"abc"`) keeps the whole string.
pub fn strings(pieces: &[Piece], segments: &Segments) -> Vec<Piece> {
    let mut out = Vec::with_capacity(pieces.len());
    for p in pieces {
        if !p.merged {
            out.push(*p);
            continue;
        }
        let mut bytes = vec![0u8; (p.end - p.start) as usize];
        copy_out(segments, p.start, &mut bytes);
        let mut start = p.start;
        for (i, b) in bytes.iter().enumerate() {
            if *b == 0 {
                let end = p.start + i as u32 + 1;
                out.push(Piece {
                    start,
                    end,
                    merged: true,
                });
                start = end;
            }
        }
        if start < p.end {
            out.push(Piece {
                start,
                end: p.end,
                merged: true,
            });
        }
    }
    out
}

/// Copies what the segments put at `at..at + out.len()` into `out` (zeros where none does).
pub fn copy_out(segments: &Segments, at: u32, out: &mut [u8]) {
    let end = at.saturating_add(out.len() as u32);
    for &(offset, bytes) in segments {
        let lo = at.max(offset);
        let hi = end.min(offset.saturating_add(bytes.len() as u32));
        if lo < hi {
            out[(lo - at) as usize..(hi - at) as usize]
                .copy_from_slice(&bytes[(lo - offset) as usize..(hi - offset) as usize]);
        }
    }
}

/// The read-only input sections in a wasm-ld map, in address order. The map's lines under the
/// `.rodata` output section that name an input section (`file.o:(.rodata.x)`) have the columns
/// `Addr Off Size Out In`, in hexadecimal.
pub fn read_map(text: &str) -> Result<Vec<Piece>, String> {
    let mut pieces = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        let Some(name) = cols.get(3).filter(|_| cols.len() == 4) else {
            continue;
        };
        // The column a name starts at says what it is: an output section (`.rodata`, column
        // 27), an input section (`file.o:(.rodata.x)`, column 35) or a symbol (column 43).
        let Some(column) = line.rfind(name) else {
            continue;
        };
        if column < 31 {
            inside = *name == ".rodata";
            continue;
        }
        if !inside || column > 39 || !name.ends_with(')') {
            continue;
        }
        let hex = |s: &str| u32::from_str_radix(s, 16).map_err(|e| format!("map: {line}: {e}"));
        let start = hex(cols[0])?;
        let size = hex(cols[2])?;
        let end = start.checked_add(size).ok_or("map: a section past 4 GiB")?;
        if size > 0 {
            let merged = name.starts_with("<internal>");
            pieces.push(Piece { start, end, merged });
        }
    }
    pieces.sort_by_key(|p| p.start);
    if pieces.is_empty() {
        return Err(
            "map: no .rodata input sections (was the map written by wasm-ld --Map?)".into(),
        );
    }
    Ok(pieces)
}

/// The memory as the module's active segments fill it: `(offset, bytes)`.
pub type Segments<'a> = [(u32, &'a [u8])];

/// Why a piece stays in the first load: the staying code names an address near it, or a
/// staying datum at that address points into it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    Code(u32),
    Data(u32),
}

/// The pieces the first load does not read: those no root reaches, directly or through
/// pointers held in data that stays. `roots` are the addresses the staying code names.
pub fn rest_only(pieces: &[Piece], segments: &Segments, roots: &[u32]) -> Vec<Piece> {
    pieces
        .iter()
        .zip(kept(pieces, segments, roots))
        .filter(|(_, k)| k.is_none())
        .map(|(p, _)| *p)
        .collect()
}

/// For each piece, why it stays in the first load (`None`: it moves).
pub fn kept(pieces: &[Piece], segments: &Segments, roots: &[u32]) -> Vec<Option<Reason>> {
    let mut kept: Vec<Option<Reason>> = vec![None; pieces.len()];
    let mut work: Vec<usize> = Vec::new();
    let keep = |i: usize, why: Reason, kept: &mut Vec<Option<Reason>>, work: &mut Vec<usize>| {
        if kept[i].is_none() {
            kept[i] = Some(why);
            work.push(i);
        }
    };
    for &root in roots {
        // A root at a piece's first byte names that piece; one inside a piece may be a folded
        // index (`TABLE - 388`), so the pieces after it within reach stay too.
        let at = piece_at(pieces, root);
        if let Some(i) = at.filter(|&i| pieces[i].start == root) {
            keep(i, Reason::Code(root), &mut kept, &mut work);
            continue;
        }
        let (before, after) = NEAR_STRING;
        let window = overlapping(
            pieces,
            root.saturating_sub(before),
            root.saturating_add(NEAR + 1),
        );
        for i in window {
            let p = pieces[i];
            let near = !p.merged || p.start < root.saturating_add(after);
            if near {
                keep(i, Reason::Code(root), &mut kept, &mut work);
            }
        }
    }
    // Data outside every piece (.data, padding) stays: its pointers are roots.
    for (addr, word) in words_in(segments, 0, u32::MAX) {
        if piece_at(pieces, addr).is_none() {
            for i in pointed(pieces, word) {
                keep(i, Reason::Data(addr), &mut kept, &mut work);
            }
        }
    }
    while let Some(i) = work.pop() {
        for (addr, word) in words_in(segments, pieces[i].start, pieces[i].end) {
            for j in pointed(pieces, word) {
                keep(j, Reason::Data(addr), &mut kept, &mut work);
            }
        }
    }
    kept
}

/// The 4-aligned little-endian words the segments put in `lo..hi`, with their addresses.
fn words_in<'a>(segments: &'a Segments, lo: u32, hi: u32) -> impl Iterator<Item = (u32, u32)> + 'a {
    segments.iter().flat_map(move |&(offset, bytes)| {
        let end = offset.saturating_add(u32::try_from(bytes.len()).unwrap_or(u32::MAX));
        let from = lo.max(offset).next_multiple_of(4);
        let to = hi.min(end);
        (from..to.max(from))
            .step_by(4)
            .filter(move |a| a + 4 <= to)
            .map(move |a| {
                let i = (a - offset) as usize;
                let w = [bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]];
                (a, u32::from_le_bytes(w))
            })
    })
}

/// The piece holding `addr`, if any.
fn piece_at(pieces: &[Piece], addr: u32) -> Option<usize> {
    let i = pieces.partition_point(|p| p.start <= addr);
    i.checked_sub(1).filter(|&i| addr < pieces[i].end)
}

/// The pieces a stored pointer may point into: the one holding it, and the one it ends (a
/// slice's end pointer is one past its last byte).
fn pointed(pieces: &[Piece], word: u32) -> impl Iterator<Item = usize> {
    let at = piece_at(pieces, word);
    let before = word.checked_sub(1).and_then(|w| piece_at(pieces, w));
    at.into_iter().chain(before.filter(|&b| Some(b) != at))
}

/// The pieces that overlap `lo..hi`.
fn overlapping(pieces: &[Piece], lo: u32, hi: u32) -> std::ops::Range<usize> {
    let first = pieces.partition_point(|p| p.end <= lo);
    let last = pieces.partition_point(|p| p.start < hi);
    first..last.max(first)
}

/// Runs of pieces that touch or are separated only by bytes no kept piece holds, merged into
/// spans for the rest's segments (fewer, larger segments).
pub fn spans(moved: &[Piece], all: &[Piece]) -> Vec<Piece> {
    let moved_set: HashSet<(u32, u32)> = moved.iter().map(|p| (p.start, p.end)).collect();
    let mut out: Vec<Piece> = Vec::new();
    for p in moved {
        if let Some(last) = out.last_mut() {
            let between = overlapping(all, last.end, p.start);
            let clear = between
                .clone()
                .all(|i| moved_set.contains(&(all[i].start, all[i].end)));
            if clear && p.start >= last.end {
                last.end = p.end;
                continue;
            }
        }
        out.push(*p);
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // reason: test data is fixed

    use super::*;

    const MAP: &str = "    Addr      Off     Size Out     In      Symbol
       -   351e5f    ee50c DATA
  100000   351e60      100 .rodata
  100000   351e6a       20         a.o:(.rodata..Lanon.1)
  100000   351e6a       20                 .Lanon.1
  100020   351e8a       40         <internal>:(.rodata)
  100060   3603e2       10         a.o:(.rodata..Lanon.2)
  100060   3603e2       10                 .Lanon.2
  100070   3603f2        0         a.o:(.rodata..Lanon.3)
  100100   4401fa      164 .data
  100100   4401fa      164         a.o:(.data.x)
";

    #[test]
    fn the_map_gives_each_read_only_section_its_extent() {
        let p = |start, end, merged| Piece { start, end, merged };
        assert_eq!(
            read_map(MAP).unwrap(),
            [
                p(0x100000, 0x100020, false),
                p(0x100020, 0x100060, true),
                p(0x100060, 0x100070, false)
            ]
        );
        assert!(read_map("nothing").is_err());
    }

    fn p(start: u32, end: u32) -> Piece {
        Piece {
            start,
            end,
            merged: false,
        }
    }

    /// Four pieces far apart; the memory holds a pointer to `c` inside `b`.
    fn memory() -> (Vec<Piece>, Vec<u8>) {
        let pieces = vec![
            p(0x10000, 0x10010),
            p(0x20000, 0x20010),
            p(0x30000, 0x30010),
            p(0x40000, 0x40010),
        ];
        let mut bytes = vec![0u8; 0x40010 - 0x10000];
        let at = 0x20004 - 0x10000;
        bytes[at..at + 4].copy_from_slice(&0x30008u32.to_le_bytes());
        (pieces, bytes)
    }

    #[test]
    fn what_no_staying_code_or_data_reaches_moves() {
        let (pieces, bytes) = memory();
        let segs = [(0x10000, bytes.as_slice())];
        // Code names b: b stays, and c through b's pointer; a and d move.
        assert_eq!(
            rest_only(&pieces, &segs, &[0x20000]),
            [pieces[0], pieces[3]]
        );
        // An address just before a piece (a folded index) keeps it.
        assert_eq!(rest_only(&pieces, &segs, &[0x40000 - 388]), pieces[..3]);
        // Nothing named: everything moves.
        assert_eq!(rest_only(&pieces, &segs, &[]), pieces);
    }

    #[test]
    fn a_root_at_a_pieces_start_names_that_piece_alone() {
        let pieces = [p(0x1000, 0x1010), p(0x1010, 0x1100), p(0x1100, 0x1200)];
        let bytes = [0u8; 0x200];
        let segs = [(0x1000, bytes.as_slice())];
        assert_eq!(rest_only(&pieces, &segs, &[0x1010]), [pieces[0], pieces[2]]);
        // Inside the piece: the next one within reach stays too (a folded index).
        assert_eq!(rest_only(&pieces, &segs, &[0x1034]), [pieces[0]]);
    }

    #[test]
    fn data_outside_the_pieces_keeps_what_it_points_to() {
        let (pieces, mut bytes) = memory();
        let at = 0x18000 - 0x10000;
        bytes[at..at + 4].copy_from_slice(&0x40010u32.to_le_bytes()); // d's end
        let segs = [(0x10000, bytes.as_slice())];
        assert_eq!(rest_only(&pieces, &segs, &[]), pieces[..3]);
    }

    #[test]
    fn merged_strings_are_kept_or_moved_one_by_one() {
        let bytes = b"abc\0bc?\0xyz\0";
        let merged = [Piece {
            start: 0x1000,
            end: 0x1000 + bytes.len() as u32,
            merged: true,
        }];
        let segs = [(0x1000, bytes.as_slice())];
        let cut = strings(&merged, &segs);
        let s = |start, end| Piece {
            start,
            end,
            merged: true,
        };
        assert_eq!(
            cut,
            [s(0x1000, 0x1004), s(0x1004, 0x1008), s(0x1008, 0x100c)]
        );
        // Code names "c" inside "abc": the strings that start within reach stay (the long
        // third one too), those beyond move.
        let far = [Piece {
            start: 0x1000,
            end: 0x1100,
            merged: true,
        }];
        let far_bytes = [&bytes[..], &[1u8; 0xf0], &[0u8; 4]].concat();
        let far_segs = [(0x1000, far_bytes.as_slice())];
        let far_cut = strings(&far, &far_segs);
        let moved = rest_only(&far_cut, &far_segs, &[0x1002]);
        assert_eq!(
            moved,
            [s(0x10fd, 0x10fe), s(0x10fe, 0x10ff), s(0x10ff, 0x1100)]
        );
    }

    #[test]
    fn adjacent_moved_pieces_make_one_span() {
        let all = [p(0, 4), p(4, 8), p(8, 12), p(16, 20), p(24, 28)];
        let moved = [all[0], all[1], all[3], all[4]];
        // 8..12 stays, so 0..8 and 16..28 (the gap 20..24 holds no piece) are the spans.
        assert_eq!(spans(&moved, &all), [p(0, 8), p(16, 28)]);
    }
}
