//! The XML lexer (`elb_wasm::codec::xml_lexer`) held to `quick-xml`: where both read a body, they
//! must read the same elements and the same text. Shared by `tests/crates.rs` (every fixture)
//! and the fuzz target `xml_decode` (every input the fuzzer makes), by `#[path]`.
//!
//! Text is compared merged (the lexer gives one text token where quick-xml splits text around
//! references and CDATA) and with XML 1.0's line ends (`\r\n` and a lone `\r` read as `\n`, in
//! CDATA too), as the lexer reads them.

use elb_wasm::codec::xml_lexer::{Lexer, Token};
use quick_xml::Reader;
use quick_xml::events::Event;

#[derive(Debug, PartialEq)]
pub enum Tok {
    Open(String, bool),
    Close,
    Text(String),
}

fn push_text(out: &mut Vec<Tok>, text: &str) {
    if text.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(Tok::Text(t)) => t.push_str(text),
        _ => out.push(Tok::Text(text.to_owned())),
    }
}

/// The lexer's reading of `s`, or `None` where it refuses it.
pub fn ours(s: &str) -> Option<Vec<Tok>> {
    let mut lexer = Lexer::new(s);
    let mut out = Vec::new();
    loop {
        match lexer.next_token().ok()? {
            Token::Open { name, empty } => out.push(Tok::Open(name.to_owned(), empty)),
            Token::Close => out.push(Tok::Close),
            Token::Text(t) => push_text(&mut out, &t),
            Token::Eof => return Some(out),
        }
    }
}

/// Whether `name` is an XML name with at most one colon (XML 1.0 and Namespaces in XML): quick-xml
/// leaves that check to its caller, and takes `<a/:/>` as an element named `a/:`.
fn is_name(name: &str) -> bool {
    let ok = |c: char| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':') || !c.is_ascii();
    let starts_well = name
        .chars()
        .next()
        .is_some_and(|c| !c.is_ascii_digit() && !matches!(c, '-' | '.'));
    starts_well && name.chars().all(ok) && name.matches(':').count() <= 1
}

/// quick-xml's reading of `s` (the predefined entities and character references resolved, names
/// without their prefix, and XML's name rule checked), or `None` where it refuses it.
pub fn theirs(s: &str) -> Option<Vec<Tok>> {
    let mut reader = Reader::from_str(s);
    let mut out = Vec::new();
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) | Event::Empty(e) if !is_name(e.name().as_ref()) => {
                return None;
            }
            Event::Start(e) => out.push(Tok::Open(e.local_name().as_ref().to_owned(), false)),
            Event::Empty(e) => out.push(Tok::Open(e.local_name().as_ref().to_owned(), true)),
            Event::End(_) => out.push(Tok::Close),
            Event::Text(t) => push_text(&mut out, &t.xml10_content()),
            Event::CData(c) => push_text(&mut out, &c.xml10_content()),
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref().ok()? {
                    Some(c) => c,
                    None => match &*r.into_inner() {
                        "lt" => '<',
                        "gt" => '>',
                        "amp" => '&',
                        "apos" => '\'',
                        "quot" => '"',
                        // Declared by a DOCTYPE at most: neither side expands those.
                        _ => return None,
                    },
                };
                push_text(&mut out, c.encode_utf8(&mut [0; 4]));
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
            Event::Eof => return Some(out),
        }
    }
}

/// `Err` with both readings when the two read `s` differently; `Ok` when they agree or when
/// either refuses it (quick-xml leaves some checks to its caller: end of body inside an element,
/// attribute syntax).
pub fn agree(s: &str) -> Result<(), String> {
    match (ours(s), theirs(s)) {
        (Some(a), Some(b)) if a != b => Err(format!("lexer: {a:?}\nquick-xml: {b:?}")),
        _ => Ok(()),
    }
}
