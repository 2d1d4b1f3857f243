#![cfg_attr(feature = "talc", allow(dead_code))]
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
//!
//! Held against `talc` (maintained, made for wasm): `scripts/compare-allocators.sh` builds the
//! package wasm with each (the `talc` feature swaps it in under the same counters) and runs the
//! allocator workloads of `tests/wasm.rs` on both; README's "Dependencies" has the figures.

use core::arch::wasm32::{memory_grow, memory_size};
use std::alloc::{GlobalAlloc, Layout};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use wasm_bindgen::prelude::wasm_bindgen;

const PAGE: usize = 65536;
/// Memory grows by at least this many pages at a time (512 KiB): `memory.grow` is a call into the
/// engine and detaches every view JS holds on the memory, so one per fresh block is too many.
const MIN_GROW_PAGES: usize = 8;
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
        let needed = (stop - end).div_ceil(PAGE);
        // Near the engine's limit the run may not fit where what is needed still does.
        let pages = [needed.max(MIN_GROW_PAGES), needed]
            .into_iter()
            .find(|&p| memory_grow(0, p) != usize::MAX);
        let Some(pages) = pages else {
            return core::ptr::null_mut();
        };
        END.store(end + pages * PAGE, Relaxed);
    }
    NEXT.store(stop, Relaxed);
    start as *mut u8
}

#[cfg(not(feature = "talc"))]
struct SizeClasses;

// SAFETY: a block of class c is 2^(c+4) bytes, at least the layout's size, aligned to the
// layout's align (fresh blocks are placed at a multiple of it and of 16; a listed block is handed
// out only when its address is a multiple of it); a block is on a free list only after `dealloc`,
// and leaves it before it is handed out. The first word of a free block links to the next.
#[cfg(not(feature = "talc"))]
unsafe impl GlobalAlloc for SizeClasses {
    // Inlined into `Counted`, the one call the rest of the wasm makes.
    #[inline(always)]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let c = class(layout);
        if c >= CLASSES {
            return core::ptr::null_mut();
        }
        let head = FREE[c].load(Relaxed);
        // An over-aligned request takes a listed block only if that block happens to suit it.
        if head != 0 && head.is_multiple_of(layout.align()) {
            FREE[c].store(unsafe { *(head as *const usize) }, Relaxed);
            head as *mut u8
        } else {
            fresh(c, layout.align())
        }
    }

    #[inline(always)]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let c = class(layout);
        unsafe { *(ptr as *mut usize) = FREE[c].load(Relaxed) };
        FREE[c].store(ptr as usize, Relaxed);
    }

    #[inline(always)]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller guarantees `new_size`, rounded to `align`, does not overflow.
        let new = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        if class(new) == class(layout) {
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

/// Any allocator, with the live and peak byte counters the diagnostics read.
struct Counted<A>(A);

fn counted_in(bytes: usize) {
    let live = LIVE.fetch_add(bytes, Relaxed) + bytes;
    PEAK.fetch_max(live, Relaxed);
}

// SAFETY: every call goes to the inner allocator unchanged; only the counters are added.
unsafe impl<A: GlobalAlloc> GlobalAlloc for Counted<A> {
    #[inline(never)]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { self.0.alloc(layout) };
        if !p.is_null() {
            counted_in(layout.size());
        }
        p
    }

    #[inline(never)]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { self.0.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Relaxed);
    }

    #[inline(never)]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { self.0.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            LIVE.fetch_sub(layout.size(), Relaxed);
            counted_in(new_size);
        }
        p
    }
}

#[cfg(not(feature = "talc"))]
#[global_allocator]
static ALLOCATOR: Counted<SizeClasses> = Counted(SizeClasses);

#[cfg(feature = "talc")]
#[global_allocator]
static ALLOCATOR: Counted<talc::wasm::WasmDynamicTalc> =
    Counted(talc::wasm::new_wasm_dynamic_allocator());

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
