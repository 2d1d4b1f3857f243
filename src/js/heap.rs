//! Live and peak bytes of the wasm heap. Linear memory only grows, so it cannot show that a
//! burst of calls gave back everything it took; these counters can (the concurrency and memory
//! tests read them). Two relaxed counter updates per allocation: nothing measurable.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use wasm_bindgen::prelude::wasm_bindgen;

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn took(bytes: usize) {
    let live = LIVE.fetch_add(bytes, Relaxed) + bytes;
    PEAK.fetch_max(live, Relaxed);
}

// Out of line: inlined into every allocation site, these cost the wasm 10 KB (measured).
// SAFETY: every method forwards to `System` with the caller's arguments unchanged; the counters
// are updated only for allocations that succeeded.
unsafe impl GlobalAlloc for Counting {
    #[inline(never)]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            took(layout.size());
        }
        p
    }

    #[inline(never)]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Relaxed);
    }

    #[inline(never)]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            LIVE.fetch_sub(layout.size(), Relaxed);
            took(new_size);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

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
