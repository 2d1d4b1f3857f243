//! restXml request encoding (Route 53): the operation's method and URI template, its input's
//! labels and query-string members on the request line, the rest as an XML body.
//!
//! `GET /2013-04-01/hostedzone/Z1/rrset?name=www.example.com.&type=A`,
//! `POST /2013-04-01/hostedzone/Z1/rrset/` with
//! `<ChangeResourceRecordSetsRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/">…`.
//! Answers are XML documents the awsQuery decoder (`xml`) reads as they are: the output's members
//! straight under `<OpResponse>`, errors as `<ErrorResponse>`.

use crate::codec::scalar;
use crate::error::Error;
use crate::model::{Kind, Member, Model, Operation};
use crate::text::percent;
use crate::value::Value;

/// The parts of a restXml request that the input decides.
#[derive(Debug, PartialEq)]
pub struct Encoded {
    pub method: &'static str,
    /// The path under the endpoint's, percent-encoded, starting with `/`.
    pub path: String,
    /// `name=value&…`, percent-encoded; empty when there is none.
    pub query: String,
    /// The XML body; empty when no member travels in it.
    pub body: String,
}

/// Encodes a validated `input` (a struct, or `Null` for none) for `op`.
#[cfg_attr(size_build, optimize(size))]
pub fn encode(model: &Model, op: &Operation, input: &Value) -> Result<Encoded, Error> {
    let shape = op.input.map(|r| model.shape(r));
    let fields: &[(&str, Value)] = match input {
        Value::Struct(fields) => fields,
        Value::Null => &[],
        _ => return Err(Error::invalid_input("", "the input must be an object")),
    };
    let field = |m: &Member| fields.iter().find(|(n, _)| *n == m.name).map(|(_, v)| v);
    let members = shape.map_or(&[][..], |s| s.members);
    let (template, fixed_query) = op.uri.split_once('?').unwrap_or((op.uri, ""));

    let mut path = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let close = rest[open..].find('}').map_or(rest.len(), |c| open + c);
        path.push_str(&rest[..open]);
        let label = &rest[open + 1..close];
        let (name, greedy) = match label.strip_suffix('+') {
            Some(name) => (name, true),
            None => (label, false),
        };
        let member = members
            .iter()
            .find(|m| m.flags & crate::model::shape::flags::URI != 0 && m.wire_name() == name);
        let value = member.and_then(|m| field(m).map(|v| (m, v)));
        let Some((member, value)) = value else {
            return Err(Error::invalid_input(name, "is required"));
        };
        let text = scalar::text(model, member, model.shape(member.target), value)
            .ok_or_else(|| scalar::mismatch(member.name, model.shape(member.target), value))?;
        // A label that is empty or a dot segment would change which resource the path names
        // once a URL parser has normalised it.
        if matches!(text.as_str(), "" | "." | "..") {
            return Err(Error::invalid_input(
                member.name,
                "cannot be empty, \".\" or \"..\": it is a segment of the request's path",
            ));
        }
        percent::encode_into(&mut path, &text, greedy);
        rest = rest.get(close + 1..).unwrap_or("");
    }
    path.push_str(rest);

    let mut query = String::from(fixed_query);
    let mut body = String::new();
    for member in members {
        let Some(value) = field(member) else { continue };
        let target = model.shape(member.target);
        if member.flags & crate::model::shape::flags::QUERY != 0 {
            let items = match value {
                Value::List(items) => items.as_slice(),
                one => std::slice::from_ref(one),
            };
            let element = match target.kind {
                Kind::List => target.members.first().unwrap_or(member),
                _ => member,
            };
            for item in items {
                let shape = model.shape(element.target);
                let text = scalar::text(model, element, shape, item)
                    .ok_or_else(|| scalar::mismatch(member.name, shape, item))?;
                if !query.is_empty() {
                    query.push('&');
                }
                percent::encode_into(&mut query, member.wire_name(), false);
                query.push('=');
                percent::encode_into(&mut query, &text, false);
            }
        } else if !member.in_request_line() {
            if body.is_empty() {
                let root = op.input_root.unwrap_or(op.name);
                push!(body; "<", root, " xmlns=\"", model.xml_namespace, "\">");
            }
            Writer {
                model,
                out: &mut body,
            }
            .element(member.wire_name(), member, value, member.name)?;
        }
    }
    if !body.is_empty() {
        push!(body; "</", op.input_root.unwrap_or(op.name), ">");
    }
    Ok(Encoded {
        method: if op.method.is_empty() {
            "POST"
        } else {
            op.method
        },
        path,
        query,
        body,
    })
}

struct Writer<'a> {
    model: &'a Model,
    out: &'a mut String,
}

impl Writer<'_> {
    /// Writes `value` as the element `name`; `path` names it in an error.
    #[cfg_attr(size_build, optimize(size))]
    fn element(
        &mut self,
        name: &str,
        member: &Member,
        value: &Value,
        path: &str,
    ) -> Result<(), Error> {
        let shape = self.model.shape(member.target);
        match (shape.kind, value) {
            (_, Value::Null) => Ok(()),
            (Kind::Structure | Kind::Union, Value::Struct(fields)) => {
                push!(self.out; "<", name, ">");
                // In the shape's order, not the input's: the service reads the XML by its schema.
                for m in shape.members {
                    if let Some((_, v)) = fields.iter().find(|(n, _)| *n == m.name) {
                        self.element(m.wire_name(), m, v, m.name)?;
                    }
                }
                push!(self.out; "</", name, ">");
                Ok(())
            }
            (Kind::List, Value::List(items)) => {
                let Some(element) = shape.members.first() else {
                    return Ok(());
                };
                let flat = member.flattened();
                if !flat {
                    push!(self.out; "<", name, ">");
                }
                let item_name = if flat {
                    name
                } else {
                    element.xml_name.unwrap_or("member")
                };
                for item in items {
                    self.element(item_name, element, item, path)?;
                }
                if !flat {
                    push!(self.out; "</", name, ">");
                }
                Ok(())
            }
            (Kind::Map, Value::Map(entries)) => {
                let (Some(key), Some(val)) = (shape.members.first(), shape.members.get(1)) else {
                    return Ok(());
                };
                let flat = member.flattened();
                if !flat {
                    push!(self.out; "<", name, ">");
                }
                for (k, v) in entries {
                    push!(self.out; "<", if flat { name } else { "entry" }, "><", key.xml_name.unwrap_or("key"), ">");
                    escape_into(self.out, k);
                    push!(self.out; "</", key.xml_name.unwrap_or("key"), ">");
                    self.element(val.xml_name.unwrap_or("value"), val, v, path)?;
                    push!(self.out; "</", if flat { name } else { "entry" }, ">");
                }
                if !flat {
                    push!(self.out; "</", name, ">");
                }
                Ok(())
            }
            (_, scalar) => {
                let text = scalar::text(self.model, member, shape, scalar)
                    .ok_or_else(|| scalar::mismatch(path, shape, scalar))?;
                push!(self.out; "<", name, ">");
                escape_into(self.out, &text);
                push!(self.out; "</", name, ">");
                Ok(())
            }
        }
    }
}

/// XML character data: `&`, `<`, `>` escaped, and `\r`, which a parser would fold into `\n`.
#[cfg_attr(size_build, optimize(size))]
fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
}
