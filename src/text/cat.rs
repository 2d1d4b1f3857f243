//! Text built from pieces (strings, characters, integers) without `core::fmt`: the wasm links no
//! formatting machinery at all (issue 17: -1.3 KB brotli). `cat!("a ", n, " b")` makes a `String`;
//! `push!(out; "[", i, "]")` appends to one.

use crate::text::digits::push_int;

/// `push_str` as a call: std's is inlined at each of this crate's ~150 call sites (a capacity
/// check, a grow call and a copy each time). One out-of-line copy is smaller by more than the
/// calls cost (issue 28).
pub trait Put {
    fn put(&mut self, s: &str);
}

impl Put for String {
    #[inline(never)]
    fn put(&mut self, s: &str) {
        self.push_str(s);
    }
}

/// What `cat!` and `push!` can append.
pub trait Piece {
    fn push_to(&self, out: &mut String);
}

impl Piece for str {
    fn push_to(&self, out: &mut String) {
        out.put(self);
    }
}

impl Piece for String {
    fn push_to(&self, out: &mut String) {
        out.put(self);
    }
}

impl Piece for char {
    fn push_to(&self, out: &mut String) {
        out.push(*self);
    }
}

impl Piece for std::borrow::Cow<'_, str> {
    fn push_to(&self, out: &mut String) {
        out.put(self);
    }
}

impl<T: Piece + ?Sized> Piece for &T {
    fn push_to(&self, out: &mut String) {
        (**self).push_to(out);
    }
}

macro_rules! integer_pieces {
    ($($t:ty),*) => {$(
        impl Piece for $t {
            fn push_to(&self, out: &mut String) {
                push_int(out, *self as i64, 0);
            }
        }
    )*};
}
integer_pieces!(i64, i32, u32, u16, u8, usize);

/// `push!`'s method, so that it takes a `String` and a `&mut String` alike.
pub trait PushPiece {
    fn push_piece<P: Piece + ?Sized>(&mut self, piece: &P);
}

impl PushPiece for String {
    fn push_piece<P: Piece + ?Sized>(&mut self, piece: &P) {
        piece.push_to(self);
    }
}

/// `items` separated by `sep` (what `[&str]::join` makes, without its generic code).
pub fn joined<'a>(items: impl IntoIterator<Item = &'a str>, sep: &str) -> String {
    let mut out = String::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.put(sep);
        }
        out.put(item);
    }
    out
}

/// A `String` of the pieces, in order.
#[macro_export]
macro_rules! cat {
    ($($piece:expr),* $(,)?) => {{
        #[allow(unused_mut)]
        let mut out = String::new();
        $( $crate::text::cat::Piece::push_to(&$piece, &mut out); )*
        out
    }};
}

/// Appends the pieces to `out`.
#[macro_export]
macro_rules! push {
    ($out:expr; $($piece:expr),* $(,)?) => {{
        use $crate::text::cat::PushPiece as _;
        $( $out.push_piece(&$piece); )*
    }};
}

#[cfg(test)]
mod tests {
    #[test]
    fn writes_what_format_writes() {
        let (n, s, c) = (-42i64, String::from("x"), 'é');
        assert_eq!(cat!("a ", n, " ", s, c, 7u16, ""), format!("a {n} {s}{c}7"));
        let mut out = String::from("[");
        push!(out; 3usize, "]");
        assert_eq!(out, "[3]");
        assert_eq!(cat!(), "");
        assert_eq!(super::joined(["a", "b", "c"], ", "), "a, b, c");
        assert_eq!(super::joined([], ", "), "");
    }
}
