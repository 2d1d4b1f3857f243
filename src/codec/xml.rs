//! awsQuery XML response decoding over the tokens of `xml_lexer`, walked along the output shape.
//!
//! `<OpResponse><OpResult>…members…</OpResult><ResponseMetadata><RequestId/></ResponseMetadata></OpResponse>`
//! for success, `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`
//! for failure. Anything else (an HTML error page, a truncated body, another operation's envelope)
//! is an `InvalidResponse` error, never a panic.

use crate::codec::xml_lexer::{Lexer, Token};
use crate::error::{Error, ServiceError};
use crate::model::{Kind, Member, Model, Operation, Shape};
#[cfg(not(target_arch = "wasm32"))]
use crate::text::base64;
use crate::text::cat::Put;
use crate::text::decimal;
use crate::text::time;
use crate::value::Value;
use std::borrow::Cow;

/// Deeper nesting than any AWS response has; stops a hostile body from exhausting the stack
/// through a recursive shape.
const MAX_DEPTH: u32 = 64;

/// A decoded successful response.
#[derive(Debug, PartialEq)]
pub struct Decoded {
    pub output: Value,
    pub request_id: Option<String>,
}

/// Decodes a response of `op`: its output for a 2xx `status`, else the service error it carries.
#[cfg_attr(size_build, optimize(size))]
pub fn decode_response(
    model: &Model,
    op: &Operation,
    status: u16,
    body: &str,
) -> Result<Decoded, Error> {
    if (200..300).contains(&status) {
        decode_output(model, op, status, body)
    } else {
        Err(decode_error(model, status, body))
    }
}

/// Decodes the body of a successful response.
#[cfg_attr(size_build, optimize(size))]
pub fn decode_output(
    model: &Model,
    op: &Operation,
    status: u16,
    body: &str,
) -> Result<Decoded, Error> {
    let output_shape = op.output.map(|r| model.shape(r));
    let mut p = Parser::new(model, status, body);
    let Some((root, root_empty)) = p.root()? else {
        // No body at all: fine for an operation whose output has no members. A declaration or a
        // comment with no element after it is a document cut before its root.
        return match output_shape {
            _ if !body.trim_ascii().is_empty() => Err(Error::Network {
                message: cat!(
                    "the HTTP ",
                    status,
                    " response was cut in transit before its root element"
                ),
            }),
            Some(s) if !s.members.is_empty() => Err(p.invalid("the response body is empty")),
            _ => Ok(Decoded {
                output: Value::Struct(Vec::new()),
                request_id: None,
            }),
        };
    };
    let mut fields = Vec::new();
    let mut request_id = None;
    if Some(root.as_str()) == op.result_wrapper {
        // A bare `<OpResult>` document (what libcloud's hand-made fixtures and some mocks send):
        // the members are all there, only the envelope and request id are missing.
        if let (Some(shape), false) = (output_shape, root_empty) {
            p.structure_body(shape, &mut fields, 1)?;
        }
        return Ok(Decoded {
            output: Value::Struct(fields),
            request_id,
        });
    }
    if root.strip_suffix("Response") != Some(op.name) {
        return Err(p.invalid(cat!("expected <", op.name, "Response>, found <", root, ">")));
    }
    if !root_empty {
        while let Some((start, empty)) = p.next_child()? {
            let name = start;
            if Some(name) == op.result_wrapper {
                if let (Some(shape), false) = (output_shape, empty) {
                    p.structure_body(shape, &mut fields, 1)?;
                } else if !empty {
                    p.skip()?;
                }
            } else if name == "ResponseMetadata" && !empty {
                request_id = p.request_id_in_metadata()?;
            } else if let (None, Some(shape)) = (op.result_wrapper, output_shape) {
                // A service without result wrappers puts the members straight in the envelope.
                p.member_into(shape, name, empty, &mut fields, 1)?;
            } else if !empty {
                p.skip()?;
            }
        }
    }
    Ok(Decoded {
        output: Value::Struct(fields),
        request_id,
    })
}

/// Decodes an error response into the error it reports, or `InvalidResponse` when the body is
/// not an AWS error document.
#[cfg_attr(size_build, optimize(size))]
pub fn decode_error(model: &Model, status: u16, body: &str) -> Error {
    match read_error(model, status, body) {
        Ok(service) => Error::Service(Box::new(service)),
        Err(e) => e,
    }
}

#[cfg_attr(size_build, optimize(size))]
fn read_error(model: &Model, status: u16, body: &str) -> Result<ServiceError, Error> {
    let mut p = Parser::new(model, status, body);
    let Some((root, root_empty)) = p.root()? else {
        return Err(p.invalid("an error status with an empty body"));
    };
    let mut found = ErrorParts::default();
    match root.as_ref() {
        // awsQuery: <ErrorResponse><Error>…</Error><RequestId/></ErrorResponse>; the EC2-style
        // form some endpoints and proxies answer with: <Response><Errors><Error>…</Error>
        // </Errors><RequestID/></Response>; and moto's mix of the two.
        "ErrorResponse" | "Response" => {}
        // restXml's other form (Route 53's InvalidChangeBatch): a document named after its
        // code, its reasons under <Messages>.
        other if model.error_by_code(other).is_some() => found.code = Some(other.to_owned()),
        other => return Err(p.invalid(cat!("expected <ErrorResponse>, found <", other, ">"))),
    }
    if !root_empty {
        p.error_parts(&mut found)?;
    }
    let code = found
        .code
        .ok_or_else(|| p.invalid("the error response has no <Code>"))?;
    // The modelled error's own members (beyond Code/Message/Type) need its shape, which is known
    // only once Code is read; a second pass reads them. Errors are rare, so this costs nothing.
    let fields = match model.error_by_code(&code).map(|e| model.shape(e.shape)) {
        Some(shape) if !shape.members.is_empty() => {
            let mut again = Parser::new(model, status, body);
            again
                .error_fields(shape)
                .unwrap_or(Value::Struct(Vec::new()))
        }
        _ => Value::Struct(Vec::new()),
    };
    Ok(ServiceError {
        code,
        message: found.message.unwrap_or_default(),
        fault: found.fault,
        request_id: found.request_id,
        status,
        fields,
    })
}

#[derive(Default)]
struct ErrorParts {
    code: Option<String>,
    message: Option<String>,
    fault: Option<String>,
    request_id: Option<String>,
}

struct Parser<'a> {
    reader: Lexer<'a>,
    model: &'a Model,
    status: u16,
}

/// What one step through the document yields.
enum Step<'a> {
    /// An element's local name, and whether it is empty (`<a/>`).
    Open(&'a str, bool),
    Text(Cow<'a, str>),
    Close,
    Eof,
}

impl<'a> Parser<'a> {
    #[cfg_attr(size_build, optimize(size))]
    fn new(model: &'a Model, status: u16, body: &'a str) -> Parser<'a> {
        Parser {
            reader: Lexer::new(body),
            model,
            status,
        }
    }

    fn invalid(&self, message: impl Into<String>) -> Error {
        Error::invalid_response(self.status, message)
    }

    #[cfg_attr(size_build, optimize(size))]
    fn step(&mut self) -> Result<Step<'a>, Error> {
        let token = self.reader.next_token().map_err(|e| {
            if e.cut {
                // Framed as complete but cut short (a proxy or a dropped connection): a transport
                // fault, retried like a reset, not an answer of the wrong shape.
                let status = self.status;
                Error::Network {
                    message: cat!(
                        "the HTTP ",
                        status,
                        " response was cut in transit: ",
                        e.message
                    ),
                }
            } else {
                self.invalid(cat!("malformed XML: ", e.message))
            }
        })?;
        Ok(match token {
            Token::Open { name, empty } => Step::Open(name, empty),
            Token::Close => Step::Close,
            Token::Text(t) => Step::Text(t),
            Token::Eof => Step::Eof,
        })
    }

    /// The root element's local name, or `None` for a body with no element at all.
    #[cfg_attr(size_build, optimize(size))]
    fn root(&mut self) -> Result<Option<(String, bool)>, Error> {
        loop {
            match self.step()? {
                Step::Open(name, empty) => return Ok(Some((name.to_owned(), empty))),
                Step::Text(t) if t.trim_ascii().is_empty() => {}
                Step::Text(_) => return Err(self.invalid("the body is not XML")),
                Step::Close => return Err(self.invalid("malformed XML: a stray end tag")),
                Step::Eof => return Ok(None),
            }
        }
    }

    /// The next child element of the element being read, or `None` at its end tag. Text between
    /// children (indentation) is passed over.
    #[cfg_attr(size_build, optimize(size))]
    fn next_child(&mut self) -> Result<Option<(&'a str, bool)>, Error> {
        loop {
            match self.step()? {
                Step::Open(e, empty) => return Ok(Some((e, empty))),
                Step::Text(_) => {}
                Step::Close => return Ok(None),
                Step::Eof => {
                    return Err(self.invalid("the body ends before the XML does (truncated?)"));
                }
            }
        }
    }

    /// Skips the rest of the element just opened, children and all, without recursion.
    #[cfg_attr(size_build, optimize(size))]
    fn skip(&mut self) -> Result<(), Error> {
        let mut depth = 1u32;
        while depth > 0 {
            match self.step()? {
                Step::Open(_, false) => depth += 1,
                Step::Close => depth -= 1,
                Step::Eof => {
                    return Err(self.invalid("the body ends before the XML does (truncated?)"));
                }
                Step::Open(_, true) | Step::Text(_) => {}
            }
        }
        Ok(())
    }

    /// The text content of the element just opened, up to its end tag. Child elements inside a
    /// scalar are not AWS's shape; they are passed over rather than failing the whole response.
    #[cfg_attr(size_build, optimize(size))]
    fn text(&mut self) -> Result<Cow<'a, str>, Error> {
        let mut text: Option<Cow<'a, str>> = None;
        loop {
            match self.step()? {
                Step::Text(t) => match &mut text {
                    None => text = Some(t),
                    Some(acc) => acc.to_mut().put(&t),
                },
                Step::Open(_, false) => self.skip()?,
                Step::Open(_, true) => {}
                Step::Close => return Ok(text.unwrap_or_default()),
                Step::Eof => {
                    return Err(self.invalid("the body ends before the XML does (truncated?)"));
                }
            }
        }
    }

    /// Reads the children of a structure element into `fields`.
    #[cfg_attr(size_build, optimize(size))]
    fn structure_body(
        &mut self,
        shape: &Shape,
        fields: &mut Vec<(&'static str, Value)>,
        depth: u32,
    ) -> Result<(), Error> {
        if depth > MAX_DEPTH {
            return Err(self.invalid("the XML nests deeper than any response of this API"));
        }
        while let Some((start, empty)) = self.next_child()? {
            let name = start;
            self.member_into(shape, name, empty, fields, depth)?;
        }
        Ok(())
    }

    /// Reads the element `name` (just opened) as the member of `shape` it names, if any.
    #[cfg_attr(size_build, optimize(size))]
    fn member_into(
        &mut self,
        shape: &Shape,
        name: &str,
        empty: bool,
        fields: &mut Vec<(&'static str, Value)>,
        depth: u32,
    ) -> Result<(), Error> {
        let Some(member) = shape.members.iter().find(|m| m.wire_name() == name) else {
            return if empty { Ok(()) } else { self.skip() };
        };
        let target = self.model.shape(member.target);
        if member.flattened() && matches!(target.kind, Kind::List | Kind::Map) {
            // Each occurrence of a flattened member is one more element (or map entry).
            let item = match target.kind {
                Kind::List => {
                    let element = target.members.first().copied().unwrap_or(*member);
                    self.value(&element, empty, depth + 1)?
                        .map(|v| (String::new(), v))
                }
                _ => self.map_entry(target, empty, depth + 1)?,
            };
            let at = match fields.iter().position(|(k, _)| *k == member.name) {
                Some(i) => i,
                None => {
                    let fresh = if target.kind == Kind::List {
                        Value::List(Vec::new())
                    } else {
                        Value::Map(Vec::new())
                    };
                    fields.push((member.name, fresh));
                    fields.len() - 1
                }
            };
            match (&mut fields[at].1, item) {
                (Value::List(items), Some((_, v))) => items.push(v),
                (Value::Map(entries), Some(entry)) => entries.push(entry),
                _ => {}
            }
            return Ok(());
        }
        if let Some(v) = self.value(member, empty, depth + 1)? {
            match fields.iter_mut().find(|(k, _)| *k == member.name) {
                Some(existing) => existing.1 = v,
                None => fields.push((member.name, v)),
            }
        }
        Ok(())
    }

    /// Reads the element just opened as a value of `member`'s target; `None` when it holds no
    /// value (an empty number, say).
    #[cfg_attr(size_build, optimize(size))]
    fn value(&mut self, member: &Member, empty: bool, depth: u32) -> Result<Option<Value>, Error> {
        if depth > MAX_DEPTH {
            return Err(self.invalid("the XML nests deeper than any response of this API"));
        }
        let shape = self.model.shape(member.target);
        match shape.kind {
            Kind::Structure | Kind::Union => {
                let mut fields = Vec::new();
                if !empty {
                    self.structure_body(shape, &mut fields, depth)?;
                }
                Ok(Some(Value::Struct(fields)))
            }
            Kind::List => {
                let mut items = Vec::new();
                if !empty {
                    let element = shape.members.first().copied().unwrap_or(*member);
                    while let Some((start, item_empty)) = self.next_child()? {
                        if start == element.wire_name() {
                            if let Some(v) = self.value(&element, item_empty, depth + 1)? {
                                items.push(v);
                            }
                        } else if !item_empty {
                            self.skip()?;
                        }
                    }
                }
                Ok(Some(Value::List(items)))
            }
            Kind::Map => {
                let mut entries = Vec::new();
                if !empty {
                    while let Some((start, entry_empty)) = self.next_child()? {
                        if start == "entry" {
                            if let Some(entry) = self.map_entry(shape, entry_empty, depth + 1)? {
                                entries.push(entry);
                            }
                        } else if !entry_empty {
                            self.skip()?;
                        }
                    }
                }
                Ok(Some(Value::Map(entries)))
            }
            _ => {
                let text = if empty {
                    Cow::Borrowed("")
                } else {
                    self.text()?
                };
                self.scalar(member, shape, &text)
            }
        }
    }

    /// Reads one map entry element (`<entry><key/><value/></entry>` or a flattened one).
    #[cfg_attr(size_build, optimize(size))]
    fn map_entry(
        &mut self,
        map: &Shape,
        empty: bool,
        depth: u32,
    ) -> Result<Option<(String, Value)>, Error> {
        let (Some(key_member), Some(value_member)) = (map.members.first(), map.members.get(1))
        else {
            return if empty {
                Ok(None)
            } else {
                self.skip().map(|_| None)
            };
        };
        if empty {
            return Ok(None);
        }
        let mut key = None;
        let mut value = None;
        while let Some((start, child_empty)) = self.next_child()? {
            let name = start;
            if name == key_member.wire_name() {
                key = Some(if child_empty {
                    String::new()
                } else {
                    self.text()?.into_owned()
                });
            } else if name == value_member.wire_name() {
                value = self.value(value_member, child_empty, depth + 1)?;
            } else if !child_empty {
                self.skip()?;
            }
        }
        Ok(key.map(|k| (k, value.unwrap_or(Value::Null))))
    }

    #[cfg_attr(size_build, optimize(size))]
    fn scalar(&self, member: &Member, shape: &Shape, text: &str) -> Result<Option<Value>, Error> {
        let bad = |what: &str| {
            self.invalid(cat!(
                "<",
                member.wire_name(),
                "> holds ",
                crate::codec::json::quoted(text),
                ", which is not ",
                what
            ))
        };
        let t = text.trim_ascii();
        Ok(Some(match shape.kind {
            Kind::String => Value::Str(text.to_owned()),
            #[cfg(not(target_arch = "wasm32"))]
            Kind::Blob => Value::Blob(base64::decode(t).ok_or_else(|| bad("base64"))?),
            // An empty number, boolean or date carries no value: leave the member absent.
            _ if t.is_empty() => return Ok(None),
            Kind::Boolean => match t {
                "true" => Value::Bool(true),
                "false" => Value::Bool(false),
                _ => return Err(bad("a boolean")),
            },
            k if k.is_integer() => {
                Value::Int(crate::text::digits::parse_int(t).ok_or_else(|| bad("an integer"))?)
            }
            // Kept as JSON number text (or NaN/±Infinity), so writing it for JS cannot fail.
            k if k.is_float() => Value::Float(decimal::from_xml(t).ok_or_else(|| bad("a number"))?),
            Kind::Timestamp => {
                Value::Timestamp(time::parse_timestamp(t).ok_or_else(|| bad("a date"))?)
            }
            _ => return Ok(None),
        }))
    }

    /// Reads `<RequestId>` out of the `<ResponseMetadata>` element just opened.
    #[cfg_attr(size_build, optimize(size))]
    fn request_id_in_metadata(&mut self) -> Result<Option<String>, Error> {
        let mut id = None;
        while let Some((start, empty)) = self.next_child()? {
            if start == "RequestId" && !empty {
                id = Some(self.text()?.trim_ascii().to_owned());
            } else if !empty {
                self.skip()?;
            }
        }
        Ok(id)
    }

    /// Reads an error document's parts below its root, wherever its forms put them: `Code`,
    /// `Message` and `Type` in `<Error>`, or in the first `<Error>` of `<Errors>`, or straight
    /// under the root with the reasons in `<Messages>` (joined); `RequestId`/`RequestID` beside
    /// them. Any other element (a modelled error's own members) is passed over whole; one flat
    /// loop, no recursion.
    #[cfg_attr(size_build, optimize(size))]
    fn error_parts(&mut self, found: &mut ErrorParts) -> Result<(), Error> {
        let mut depth = 0u32;
        loop {
            let (name, empty) = match self.step()? {
                Step::Open(name, empty) => (name, empty),
                Step::Text(_) => continue,
                Step::Close if depth == 0 => return Ok(()),
                Step::Close => {
                    depth -= 1;
                    continue;
                }
                Step::Eof => {
                    return Err(self.invalid("the body ends before the XML does (truncated?)"));
                }
            };
            let slot = match name {
                "Code" => &mut found.code,
                "Message" => &mut found.message,
                "Type" => &mut found.fault,
                "RequestId" | "RequestID" => &mut found.request_id,
                // Into the first error only; `Errors` and `Messages` are lists of them.
                "Error" if found.code.is_none() && !empty && depth < 3 => {
                    depth += 1;
                    continue;
                }
                "Errors" | "Messages" if !empty && depth < 3 => {
                    depth += 1;
                    continue;
                }
                _ => {
                    if !empty {
                        self.skip()?;
                    }
                    continue;
                }
            };
            let text = if empty {
                String::new()
            } else {
                self.text()?.trim_ascii().to_owned()
            };
            match slot {
                Some(reasons) if name == "Message" => push!(reasons; "; ", text),
                _ => *slot = Some(text),
            }
        }
    }

    /// Second pass over an error body: the modelled error's members, read from `<Error>`.
    #[cfg_attr(size_build, optimize(size))]
    fn error_fields(&mut self, shape: &Shape) -> Result<Value, Error> {
        let mut fields = Vec::new();
        if let Some((_, false)) = self.root()? {
            while let Some((start, empty)) = self.next_child()? {
                let name = start;
                if name == "Error" && !empty {
                    self.structure_body(shape, &mut fields, 1)?;
                } else if name == "Errors" && !empty {
                    // EC2-style: the first <Error> inside <Errors>.
                    if let Some((_, false)) = self.next_child()? {
                        self.structure_body(shape, &mut fields, 1)?;
                    }
                    break;
                } else if !empty {
                    self.skip()?;
                }
            }
        }
        Ok(Value::Struct(fields))
    }
}
