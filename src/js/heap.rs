//! The wasm's allocator, and live and peak bytes of its heap.
//!
//! Size classes, not dlmalloc (issue 17: dlmalloc was 6.4 KB of the wasm): each block is a power
//! of two from 16 B; a freed block goes on its class's list and serves the next request of that
//! class, and a `realloc` within its class stays where it is. No coalescing: a client's
//! allocations repeat call after call, so freed blocks find users again and memory levels off
//! (the memory test: flat over 100,000 calls). Fresh blocks come from the end of linear memory,
//! grown a page run at a time, as dlmalloc did.
//!
//! Linear memory only grows, so it cannot show that a burst of calls gave back everything it
//! took; the counters can (the concurrency and memory tests read them).

use core::arch::wasm32::{memory_grow, memory_size};
use std::alloc::{GlobalAlloc, Layout};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use wasm_bindgen::prelude::wasm_bindgen;

const PAGE: usize = 65536;
const MIN_SHIFT: u32 = 4;
/// Classes 16 B ..= 1 GiB.
const CLASSES: usize = 27;

/// The wasm is single-threaded: relaxed atomics compile to plain loads and stores and keep the
/// statics free of `static mut`.
static FREE: [AtomicUsize; CLASSES] = [const { AtomicUsize::new(0) }; CLASSES];
/// Where the next fresh block may start, and the end of linear memory (0: not yet read).
static NEXT: AtomicUsize = AtomicUsize::new(0);
static END: AtomicUsize = AtomicUsize::new(0);
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn class(layout: Layout) -> usize {
    let size = layout.size().max(layout.align()).max(1 << MIN_SHIFT);
    (usize::BITS - (size - 1).leading_zeros() - MIN_SHIFT) as usize
}

/// Every block starts at a multiple of this, so a freed block serves any request of its class
/// whose alignment is no larger (Rust asks for more only for over-aligned types).
const BLOCK_ALIGN: usize = 16;

/// A block of class `c` from the end of the heap, growing memory when it runs out.
fn fresh(c: usize, align: usize) -> *mut u8 {
    let align = align.max(BLOCK_ALIGN);
    let block = 1usize << (c as u32 + MIN_SHIFT);
    if END.load(Relaxed) == 0 {
        let end = memory_size(0) * PAGE;
        NEXT.store(end, Relaxed);
        END.store(end, Relaxed);
    }
    let start = NEXT.load(Relaxed).next_multiple_of(align);
    let Some(stop) = start.checked_add(block) else {
        return core::ptr::null_mut();
    };
    let end = END.load(Relaxed);
    if stop > end {
        let pages = (stop - end).div_ceil(PAGE);
        if memory_grow(0, pages) == usize::MAX {
            return core::ptr::null_mut();
        }
        END.store(end + pages * PAGE, Relaxed);
    }
    NEXT.store(stop, Relaxed);
    start as *mut u8
}

struct SizeClasses;

// SAFETY: a block of class c is 2^(c+4) bytes, at least the layout's size, aligned to the
// layout's align (fresh blocks are placed at a multiple of it and of 16; a listed block is handed
// out only when its address is a multiple of it); a block is on a free list only after `dealloc`,
// and leaves it before it is handed out. The first word of a free block links to the next.
unsafe impl GlobalAlloc for SizeClasses {
    #[inline(never)]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let c = class(layout);
        if c >= CLASSES {
            return core::ptr::null_mut();
        }
        let head = FREE[c].load(Relaxed);
        // An over-aligned request takes a listed block only if that block happens to suit it.
        let p = if head != 0 && head.is_multiple_of(layout.align()) {
            FREE[c].store(unsafe { *(head as *const usize) }, Relaxed);
            head as *mut u8
        } else {
            fresh(c, layout.align())
        };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
            PEAK.fetch_max(live, Relaxed);
        }
        p
    }

    #[inline(never)]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let c = class(layout);
        unsafe { *(ptr as *mut usize) = FREE[c].load(Relaxed) };
        FREE[c].store(ptr as usize, Relaxed);
        LIVE.fetch_sub(layout.size(), Relaxed);
    }

    #[inline(never)]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller guarantees `new_size`, rounded to `align`, does not overflow.
        let new = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        if class(new) == class(layout) {
            LIVE.fetch_sub(layout.size(), Relaxed);
            let live = LIVE.fetch_add(new_size, Relaxed) + new_size;
            PEAK.fetch_max(live, Relaxed);
            return ptr;
        }
        let p = unsafe { self.alloc(new) };
        if !p.is_null() {
            unsafe {
                core::ptr::copy_nonoverlapping(ptr, p, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: SizeClasses = SizeClasses;

/// Bytes allocated on the wasm heap and not yet freed. A diagnostic, not in the package entries.
#[wasm_bindgen(js_name = wasmHeapBytes)]
pub fn heap_bytes() -> f64 {
    LIVE.load(Relaxed) as f64
}

/// The most heap bytes live at once since the last reset; `reset` starts a new peak from now.
#[wasm_bindgen(js_name = wasmHeapPeakBytes)]
pub fn heap_peak_bytes(reset: bool) -> f64 {
    let peak = PEAK.load(Relaxed);
    if reset {
        PEAK.store(LIVE.load(Relaxed), Relaxed);
    }
    peak as f64
}
