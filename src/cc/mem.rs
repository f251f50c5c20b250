//! The program's memory: byte-addressed segments with bounds. A pointer is 64 bits: the
//! segment number (biased, so small integers and NULL point nowhere) in the high half and
//! the offset in the low half. Any access outside a live segment, through NULL, into freed
//! memory or into read-only strings is a fault (the program gets SIGSEGV).

/// Added to segment numbers so that pointers look like user-space addresses.
pub const SEG_BIAS: u64 = 0x5555;
/// Functions: a pointer's offset is a function number (or a library function's).
pub const SEG_TEXT: u32 = 1;
/// String literals (read-only).
pub const SEG_RODATA: u32 = 2;
/// Global variables.
pub const SEG_DATA: u32 = 3;
/// The call stack's memory.
pub const SEG_STACK: u32 = 4;
/// `FILE` objects: the offset is the stream number times 16.
pub const SEG_FILES: u32 = 5;
/// Library-owned buffers (`inet_ntoa`'s, `gethostbyname`'s…).
pub const SEG_LIB: u32 = 6;
/// Library function numbers start here in the text segment.
pub const NATIVE_BASE: u32 = 1 << 20;
/// The most the stack may grow to (8 MiB, as `ulimit -s`).
pub const STACK_LIMIT: usize = 8 << 20;
/// The most the heap may hold before `malloc` returns NULL.
pub const HEAP_LIMIT: usize = 256 << 20;

/// A bad memory access.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fault;

/// Makes a pointer.
#[inline]
pub fn ptr(seg: u32, off: u32) -> u64 {
    ((seg as u64 + SEG_BIAS) << 32) | off as u64
}

/// Splits a pointer into segment and offset.
#[inline]
pub fn split(p: u64) -> (usize, usize) {
    let seg = (p >> 32).wrapping_sub(SEG_BIAS);
    // On 32-bit targets a wild high half must not wrap onto a real segment.
    let seg = if seg > u32::MAX as u64 {
        usize::MAX
    } else {
        seg as usize
    };
    (seg, (p & 0xffff_ffff) as usize)
}

#[derive(Clone, Debug, Default)]
struct Segment {
    data: Vec<u8>,
    writable: bool,
    heap: bool,
    live: bool,
}

/// All segments of a running program.
#[derive(Clone, Debug)]
pub struct Memory {
    segs: Vec<Segment>,
    free_ids: std::collections::VecDeque<u32>,
    heap_bytes: usize,
}

impl Memory {
    /// Memory with the fixed segments: read-only strings and the data segment's bytes.
    pub fn new(rodata: Vec<u8>, data: Vec<u8>) -> Memory {
        let mut segs = vec![Segment::default(); 7];
        segs[SEG_RODATA as usize] = Segment {
            data: rodata,
            writable: false,
            heap: false,
            live: true,
        };
        segs[SEG_DATA as usize] = Segment {
            data,
            writable: true,
            heap: false,
            live: true,
        };
        segs[SEG_STACK as usize] = Segment {
            data: Vec::new(),
            writable: true,
            heap: false,
            live: true,
        };
        segs[SEG_LIB as usize] = Segment {
            data: Vec::new(),
            writable: true,
            heap: false,
            live: true,
        };
        Memory {
            segs,
            free_ids: Default::default(),
            heap_bytes: 0,
        }
    }

    /// Bytes at `p`, `n` long.
    #[inline]
    pub fn get(&self, p: u64, n: usize) -> Result<&[u8], Fault> {
        let (s, o) = split(p);
        let seg = self.segs.get(s).ok_or(Fault)?;
        seg.data.get(o..o.checked_add(n).ok_or(Fault)?).ok_or(Fault)
    }

    /// Writable bytes at `p`, `n` long.
    #[inline]
    pub fn get_mut(&mut self, p: u64, n: usize) -> Result<&mut [u8], Fault> {
        let (s, o) = split(p);
        let seg = self.segs.get_mut(s).ok_or(Fault)?;
        if !seg.writable {
            return Err(Fault);
        }
        seg.data
            .get_mut(o..o.checked_add(n).ok_or(Fault)?)
            .ok_or(Fault)
    }

    /// Reads `N` bytes.
    #[inline]
    pub fn read<const N: usize>(&self, p: u64) -> Result<[u8; N], Fault> {
        let b = self.get(p, N)?;
        let mut out = [0u8; N];
        out.copy_from_slice(b);
        Ok(out)
    }

    /// Writes bytes.
    #[inline]
    pub fn write(&mut self, p: u64, bytes: &[u8]) -> Result<(), Fault> {
        self.get_mut(p, bytes.len())?.copy_from_slice(bytes);
        Ok(())
    }

    /// Reads a little-endian integer of 1, 2, 4 or 8 bytes, zero-extended.
    pub fn read_uint(&self, p: u64, size: usize) -> Result<u64, Fault> {
        let b = self.get(p, size)?;
        let mut v = 0u64;
        for (i, x) in b.iter().enumerate() {
            v |= (*x as u64) << (8 * i);
        }
        Ok(v)
    }

    /// Writes the low `size` bytes of `v`.
    pub fn write_uint(&mut self, p: u64, size: usize, v: u64) -> Result<(), Fault> {
        let b = v.to_le_bytes();
        self.write(p, &b[..size.min(8)])
    }

    /// Reads a NUL-terminated string (without the NUL), at most `max` bytes.
    pub fn cstr(&self, p: u64, max: usize) -> Result<Vec<u8>, Fault> {
        let (s, o) = split(p);
        let seg = self.segs.get(s).ok_or(Fault)?;
        let rest = seg.data.get(o..).ok_or(Fault)?;
        if !seg.live {
            return Err(Fault);
        }
        match rest.iter().take(max).position(|&b| b == 0) {
            Some(n) => Ok(rest[..n].to_vec()),
            None if rest.len() >= max => Ok(rest[..max].to_vec()),
            None => Err(Fault),
        }
    }

    /// Copies `n` bytes from `src` to `dst` (overlap allowed).
    pub fn copy(&mut self, dst: u64, src: u64, n: usize) -> Result<(), Fault> {
        if n == 0 {
            return Ok(());
        }
        let (ds, doff) = split(dst);
        let (ss, soff) = split(src);
        if ds == ss {
            let seg = self.segs.get_mut(ds).ok_or(Fault)?;
            if !seg.writable {
                return Err(Fault);
            }
            let len = seg.data.len();
            if soff.checked_add(n).is_none_or(|e| e > len)
                || doff.checked_add(n).is_none_or(|e| e > len)
            {
                return Err(Fault);
            }
            seg.data.copy_within(soff..soff + n, doff);
            return Ok(());
        }
        let tmp = self.get(src, n)?.to_vec();
        self.write(dst, &tmp)
    }

    /// Makes the stack at least `len` bytes long; false past the stack limit.
    #[inline]
    pub fn grow_stack(&mut self, len: usize) -> bool {
        if len > STACK_LIMIT {
            return false;
        }
        let s = &mut self.segs[SEG_STACK as usize].data;
        if s.len() < len {
            let want = len.max(s.len() * 2).min(STACK_LIMIT);
            s.resize(want, 0);
        }
        true
    }

    /// Zeroes the stack bytes of a new frame (C leaves them indeterminate; zero is one
    /// possible value and keeps runs reproducible).
    pub fn clear_stack(&mut self, from: usize, to: usize) {
        let s = &mut self.segs[SEG_STACK as usize].data;
        let to = to.min(s.len());
        if from < to {
            s[from..to].fill(0);
        }
    }

    /// Allocates `n` bytes of zeroed heap; `None` when the heap is exhausted.
    pub fn alloc(&mut self, n: usize) -> Option<u64> {
        if n > HEAP_LIMIT || self.heap_bytes + n > HEAP_LIMIT {
            return None;
        }
        self.heap_bytes += n;
        let seg = Segment {
            data: vec![0; n],
            writable: true,
            heap: true,
            live: true,
        };
        // Freed numbers are reused only after a while, so a use after free usually faults.
        let id = if self.free_ids.len() > 1024 {
            match self.free_ids.pop_front() {
                Some(id) => {
                    self.segs[id as usize] = seg;
                    id
                }
                None => return None,
            }
        } else {
            if self.segs.len() >= u32::MAX as usize - SEG_BIAS as usize - 1 {
                return None;
            }
            self.segs.push(seg);
            (self.segs.len() - 1) as u32
        };
        Some(ptr(id, 0))
    }

    /// Whether `p` is the start of a live heap block.
    pub fn is_heap_start(&self, p: u64) -> bool {
        let (s, o) = split(p);
        o == 0 && self.segs.get(s).is_some_and(|g| g.heap && g.live)
    }

    /// Whether `p` is the start of a freed heap block.
    pub fn is_freed(&self, p: u64) -> bool {
        let (s, o) = split(p);
        o == 0 && self.segs.get(s).is_some_and(|g| g.heap && !g.live)
    }

    /// Frees a heap block (the caller checked it is one).
    pub fn free(&mut self, p: u64) {
        let (s, _) = split(p);
        if let Some(g) = self.segs.get_mut(s) {
            self.heap_bytes = self.heap_bytes.saturating_sub(g.data.len());
            g.data = Vec::new();
            g.live = false;
            g.writable = false;
            self.free_ids.push_back(s as u32);
        }
    }

    /// The size of the heap block at `p`.
    pub fn block_size(&self, p: u64) -> usize {
        let (s, _) = split(p);
        self.segs.get(s).map_or(0, |g| g.data.len())
    }

    /// Appends bytes to the library segment and returns their address.
    pub fn lib_alloc(&mut self, bytes: &[u8]) -> u64 {
        let s = &mut self.segs[SEG_LIB as usize].data;
        while s.len() % 8 != 0 {
            s.push(0);
        }
        let off = s.len();
        s.extend_from_slice(bytes);
        ptr(SEG_LIB, off as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults() {
        let mut m = Memory::new(b"hi\0".to_vec(), vec![0; 16]);
        assert_eq!(m.read::<1>(0), Err(Fault));
        assert_eq!(m.cstr(ptr(SEG_RODATA, 0), 100).unwrap(), b"hi");
        assert_eq!(m.write(ptr(SEG_RODATA, 0), b"x"), Err(Fault));
        assert_eq!(m.read::<8>(ptr(SEG_DATA, 9)), Err(Fault));
        let p = m.alloc(4).unwrap();
        m.write(p, &[1, 2, 3, 4]).unwrap();
        assert_eq!(m.read_uint(p, 4).unwrap(), 0x04030201);
        assert!(m.is_heap_start(p));
        m.free(p);
        assert!(m.is_freed(p));
        assert_eq!(m.read::<1>(p), Err(Fault));
        assert_eq!(m.read::<1>(u64::MAX), Err(Fault));
    }
}
