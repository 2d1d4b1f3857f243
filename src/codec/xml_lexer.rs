//! The XML tokens an AWS answer is made of: start, end and empty-element tags, text (with the
//! predefined entities, character references and CDATA resolved) and the end of the body.
//! Declarations, comments, processing instructions and DOCTYPEs are passed over; entities a
//! DOCTYPE would declare are not expanded (no "billion laughs"), so using one is an error.
//!
//! Small on purpose: AWS's XML needs no more, and a general parser costs the wasm ~15 KB.
//! Never recursive, never panics: every index is checked.

use std::borrow::Cow;

#[derive(Debug, PartialEq)]
pub enum Token<'a> {
    /// A start tag (`empty` for `<a/>`), with the name's namespace prefix removed.
    Open {
        name: &'a str,
        empty: bool,
    },
    Close,
    Text(Cow<'a, str>),
    Eof,
}

pub struct Lexer<'a> {
    s: &'a str,
    i: usize,
    /// Names of the open elements, to check that each end tag closes the element it should.
    open: Vec<&'a str>,
}

/// Why a body could not be read; the caller words it. `cut` when the body stops where a complete
/// document would go on (an open element, tag, comment, reference...): a body cut in transit,
/// which the caller treats as a transport fault, unlike text that is not well-formed anywhere.
#[derive(Debug, PartialEq)]
pub struct LexError {
    pub message: Cow<'static, str>,
    pub cut: bool,
}

impl LexError {
    fn cut(message: &'static str) -> LexError {
        LexError {
            message: Cow::Borrowed(message),
            cut: true,
        }
    }
}

impl From<&'static str> for LexError {
    fn from(message: &'static str) -> LexError {
        LexError {
            message: Cow::Borrowed(message),
            cut: false,
        }
    }
}

impl From<String> for LexError {
    fn from(message: String) -> LexError {
        LexError {
            message: Cow::Owned(message),
            cut: false,
        }
    }
}

fn local(name: &str) -> &str {
    match name.bytes().rposition(|b| b == b':') {
        Some(at) => name.get(at + 1..).unwrap_or(name),
        None => name,
    }
}

impl<'a> Lexer<'a> {
    pub fn new(s: &'a str) -> Lexer<'a> {
        Lexer {
            // A UTF-8 byte order mark is no text of the document (quick-xml skips it too).
            s: s.strip_prefix('\u{feff}').unwrap_or(s),
            i: 0,
            open: Vec::new(),
        }
    }

    fn rest(&self) -> &'a str {
        self.s.get(self.i..).unwrap_or_default()
    }

    /// Moves past the next `end`, or fails with `what` when the body stops first.
    fn skip_past(&mut self, end: &str, what: &'static str) -> Result<&'a str, LexError> {
        let rest = self.rest();
        let at = crate::text::find::find(rest, end).ok_or(LexError::cut(what))?;
        self.i += at + end.len();
        Ok(rest.get(..at).unwrap_or_default())
    }

    pub fn next_token(&mut self) -> Result<Token<'a>, LexError> {
        loop {
            let rest = self.rest();
            if rest.is_empty() {
                if self.open.is_empty() {
                    return Ok(Token::Eof);
                }
                return Err(LexError::cut("the body ends before the XML does"));
            }
            if !rest.starts_with('<') {
                let len = rest.bytes().position(|b| b == b'<').unwrap_or(rest.len());
                self.i += len;
                // A reference left open is a cut only where the body stops.
                let t = text(rest.get(..len).unwrap_or_default(), true).map_err(|e| LexError {
                    cut: e.cut && len == rest.len(),
                    ..e
                })?;
                return Ok(Token::Text(t));
            }
            // The closing marker is looked for after the opening one: `<!-->` opens a comment.
            if rest.starts_with("<?") {
                self.i += 2;
                self.skip_past("?>", "an unterminated processing instruction")?;
            } else if rest.starts_with("<!--") {
                self.i += 4;
                self.skip_past("-->", "an unterminated comment")?;
            } else if rest.starts_with("<![CDATA[") {
                self.i += 9;
                let data = self.skip_past("]]>", "an unterminated CDATA section")?;
                return Ok(Token::Text(text(data, false)?));
            } else if rest.starts_with("<!") {
                self.skip_doctype()?;
            } else if let Some(after) = rest.strip_prefix("</") {
                // Byte scans here and below: `str::find(char)` and char predicates are calls into
                // core's searchers per tag, 5% of decoding.
                let len = after
                    .bytes()
                    .position(|b| b == b'>')
                    .ok_or(LexError::cut("an unterminated end tag"))?;
                let name = after.get(..len).unwrap_or_default().trim_ascii_end();
                self.i += 2 + len + 1;
                return match self.open.pop() {
                    Some(open) if open == name => Ok(Token::Close),
                    Some(open) => Err(cat!("</", name, "> closes <", open, ">").into()),
                    None => Err(cat!("a stray </", name, ">").into()),
                };
            } else {
                return self.start_tag();
            }
        }
    }

    /// `<name attr="..." ...>` or `<name .../>`; attributes are passed over (AWS puts only
    /// namespaces there), quoted values may hold `>`. Scanned as bytes: every delimiter is
    /// ASCII, and no byte of a multi-byte UTF-8 character is.
    fn start_tag(&mut self) -> Result<Token<'a>, LexError> {
        let body = self.rest().get(1..).unwrap_or_default();
        let bytes = body.as_bytes();
        let name_len = bytes
            .iter()
            .position(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'>'))
            .unwrap_or(bytes.len());
        let name = body.get(..name_len).unwrap_or_default();
        if bytes.is_empty() {
            return Err(LexError::cut("a '<' ends the body"));
        }
        if name.is_empty()
            || bytes
                .first()
                .is_some_and(|b| b.is_ascii_digit() || *b == b'-' || *b == b'.')
        {
            return Err("a tag without a valid name".into());
        }
        let mut quote = 0u8;
        for (at, &b) in bytes.iter().enumerate().skip(name_len) {
            if quote != 0 {
                if b == quote {
                    quote = 0;
                }
                continue;
            }
            match b {
                b'"' | b'\'' => quote = b,
                b'<' => return Err(cat!("a '<' inside the tag <", name, ">").into()),
                b'>' => {
                    let empty = at > 0 && bytes.get(at - 1) == Some(&b'/');
                    self.i += 1 + at + 1;
                    if !empty {
                        self.open.push(name);
                    }
                    return Ok(Token::Open {
                        name: local(name),
                        empty,
                    });
                }
                _ => {}
            }
        }
        Err(LexError::cut("a start tag is not closed"))
    }

    /// `<!DOCTYPE ...>`, with an internal subset in brackets if there is one.
    fn skip_doctype(&mut self) -> Result<(), LexError> {
        let rest = self.rest();
        let mut depth = 0u32;
        for (at, c) in rest.char_indices() {
            match c {
                '[' => depth += 1,
                ']' => depth = depth.saturating_sub(1),
                '>' if depth == 0 => {
                    self.i += at + 1;
                    return Ok(());
                }
                _ => {}
            }
        }
        Err(LexError::cut("an unterminated <!...> declaration"))
    }
}

/// Character data with line ends normalised (`\r\n`, `\r` → `\n`: XML 1.0 does so for the whole
/// document, CDATA included) and, unless it is CDATA, references resolved; borrowed when there is
/// nothing to change.
fn text(raw: &str, references: bool) -> Result<Cow<'_, str>, LexError> {
    if !raw.bytes().any(|b| b == b'\r' || (references && b == b'&')) {
        return Ok(Cow::Borrowed(raw));
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = rest
        .bytes()
        .position(|b| b == b'\r' || (references && b == b'&'))
    {
        out.push_str(rest.get(..at).unwrap_or_default());
        let tail = rest.get(at..).unwrap_or_default();
        if let Some(after) = tail.strip_prefix('\r') {
            out.push('\n');
            rest = after.strip_prefix('\n').unwrap_or(after);
            continue;
        }
        let end = tail
            .bytes()
            .position(|b| b == b';')
            .ok_or(LexError::cut("an '&' that starts no reference"))?;
        let name = tail.get(1..end).unwrap_or_default();
        out.push(reference(name)?);
        rest = tail.get(end + 1..).unwrap_or_default();
    }
    out.push_str(rest);
    Ok(Cow::Owned(out))
}

fn reference(name: &str) -> Result<char, LexError> {
    let code = match name {
        "lt" => return Ok('<'),
        "gt" => return Ok('>'),
        "amp" => return Ok('&'),
        "quot" => return Ok('"'),
        "apos" => return Ok('\''),
        _ => match name.strip_prefix('#') {
            Some(hex) if hex.starts_with(['x', 'X']) => {
                crate::text::digits::parse_hex(hex.get(1..).unwrap_or_default())
            }
            Some(dec) => crate::text::digits::parse_int(dec).and_then(|n| u32::try_from(n).ok()),
            None => return Err(cat!("unknown entity &", name, ";").into()),
        },
    };
    // XML 1.0 allows no NUL and no surrogates, even as references.
    match code.and_then(char::from_u32) {
        Some(c) if c != '\0' => Ok(c),
        _ => Err(cat!("bad character reference &", name, ";").into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(s: &str) -> Result<Vec<Token<'_>>, LexError> {
        let mut l = Lexer::new(s);
        let mut out = Vec::new();
        loop {
            let t = l.next_token()?;
            if t == Token::Eof {
                return Ok(out);
            }
            out.push(t);
        }
    }

    fn open(name: &str, empty: bool) -> Token<'_> {
        Token::Open { name, empty }
    }

    #[test]
    fn reads_tags_text_and_references() {
        let t = tokens(
            "<?xml version=\"1.0\"?>\n<!-- c --><r:A xmlns:r=\"x>y\" a='1'><B/>t &lt;&amp;&#65;&#x1F600;\r\nz<![CDATA[<&]]></r:A>",
        )
        .unwrap();
        assert_eq!(
            t,
            [
                Token::Text("\n".into()),
                open("A", false),
                open("B", true),
                Token::Text("t <&A😀\nz".into()),
                Token::Text("<&".into()),
                Token::Close,
            ]
        );
    }

    #[test]
    fn refuses_what_is_not_well_formed() {
        for bad in [
            "<a>",
            "<a></b>",
            "</a>",
            "<a",
            "<a b=\">\"",
            "<a>&bogus;</a>",
            "<a>&#0;</a>",
            "<a>&#xD800;</a>",
            "<a>&#99999999999;</a>",
            "<a>& x</a>",
            "<1a/>",
            "<a><!-- x</a>",
            "<a><![CDATA[x</a>",
            "<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>",
            "<a <b>",
        ] {
            assert!(tokens(bad).is_err(), "{bad:?}");
        }
    }

    /// Every proper prefix of a document is a cut; a body that is wrong where it stands is not.
    #[test]
    fn tells_a_cut_body_from_a_malformed_one() {
        let doc =
            "<?xml version=\"1.0\"?><!-- c --><a x='>'><b>t &amp; &#65;</b><c/><![CDATA[<]]></a>";
        let root = doc.find("<a").unwrap();
        for end in 1..doc.len() {
            match tokens(&doc[..end]) {
                // Before the root element only declarations and comments have ended (the
                // decoder counts a body without a root element as cut, see xml.rs).
                Ok(t) if end <= root => assert!(t.iter().all(|t| matches!(t, Token::Text(_)))),
                Ok(t) => panic!("{:?}: {t:?}", &doc[..end]),
                Err(e) => assert!(e.cut, "{:?}: {}", &doc[..end], e.message),
            }
        }
        assert!(tokens(doc).is_ok());
        for bad in [
            "<a></b>",
            "</a>",
            "<a>& x</a>",
            "<a>&bogus;</a>",
            "<1a/>",
            "<a <b>",
            "<a>&am</a>",
        ] {
            let e = tokens(bad).expect_err(bad);
            assert!(!e.cut, "{bad:?}: {}", e.message);
        }
    }

    #[test]
    fn passes_doctypes_over_and_never_panics_on_odd_bytes() {
        assert_eq!(
            tokens("<!DOCTYPE a [<!ELEMENT a ANY>]><a/>").unwrap(),
            [open("a", true)]
        );
        for s in [
            "<",
            "<é",
            "<a é='€'>😀</a>",
            "&",
            "<a>&#x;</a>",
            "<![CDATA[",
            "<!",
            "</",
        ] {
            let _ = tokens(s);
        }
    }
}
