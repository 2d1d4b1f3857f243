//! A service table as text, read into the same [`Model`] the static tables are.
//!
//! Why text: one wasm serves every service, so a service's table cannot live in it without every
//! user shipping every table. The package entry of a service carries its table as a string
//! (`tools/gen_model.py --text` writes it) and hands it to the engine once; a bundle that imports
//! one entry carries only that table.
//!
//! One record a line, fields separated by tabs, an empty or missing field meaning "none" (flags: 0).
//! Shapes are numbered
//! in the order of their `s` lines; `m` lines are the members of the shape above them, `a` lines
//! the acceptors of the waiter above them:
//!
//! ```text
//! meta  apiVersion  xmlNamespace  endpointPrefix  signingName  protocol(rest-xml|json)  global(1)  targetPrefix  jsonVersion
//! s     name  kind  min  max  pattern  timestampFormat  enum|values
//! m     name  target  flags  xmlName  timestampFormat
//! o     name  input  output  resultWrapper  error,indexes  unsigned(1)  method  uri  inputRoot
//! e     shape  code  status  senderFault(0|1)
//! p     operation  inputToken  outputToken  resultKey  limitKey  moreResults
//! x     shape  prefix|...  (strings of the shape lose these prefixes)
//! w     name  operation  delay  maxAttempts
//! a     matcher  argument  expected  state
//! d     shape  values|...  min  max
//! h     partition|region  flags(1 FIPS, 2 dual-stack)  host|!  signingRegion
//! ```
//!
//! The text is kept for the life of the program (its names are borrowed, not copied), and so is
//! the model built from it: a service is loaded once.

use super::shape::{
    Acceptor, Documented, ErrorInfo, HostRule, Kind, Member, Model, Operation, Paginator, Protocol,
    Shape, ShapeRef, Strip, TimestampFormat, Waiter,
};
use crate::text::cat::Put;

const KINDS: [Kind; 14] = [
    Kind::Boolean,
    Kind::Byte,
    Kind::Short,
    Kind::Integer,
    Kind::Long,
    Kind::Float,
    Kind::Double,
    Kind::String,
    Kind::Blob,
    Kind::Timestamp,
    Kind::Structure,
    Kind::Union,
    Kind::List,
    Kind::Map,
];

/// The wasm's engine reads what it uses. Paginators, waiters, a restXml request line and prefix
/// strips are the JS face's (`client_class.js`, `js/client/rest_xml.js`, which read them from the
/// same text), the errors an operation raises the declarations'; only the native tools and tests,
/// which check and write tables, read them here. (Measured: reading them in the wasm cost every
/// bundle 0.33 KB brotli.)
const FOR_THE_ENGINE: bool = cfg!(target_arch = "wasm32");

/// A line of the table that cannot be read: its number (from 1) and why.
#[derive(Debug, PartialEq)]
pub struct TableError {
    pub line: usize,
    pub message: &'static str,
}

fn leak<T>(v: Vec<T>) -> &'static [T] {
    v.leak()
}

struct Fields<'a> {
    it: crate::text::find::Split<'a>,
    line: usize,
}

impl Fields<'static> {
    #[inline(never)]
    fn text(&mut self) -> &'static str {
        self.it.next().unwrap_or("")
    }

    #[inline(never)]
    fn opt_text(&mut self) -> Option<&'static str> {
        Some(self.text()).filter(|s| !s.is_empty())
    }

    fn fail<T>(&self, message: &'static str) -> Result<T, TableError> {
        Err(TableError {
            line: self.line,
            message,
        })
    }

    #[inline(never)]
    fn opt_int(&mut self) -> Result<Option<i64>, TableError> {
        match self.opt_text() {
            None => Ok(None),
            Some(t) => match crate::text::digits::parse_int(t) {
                Some(n) => Ok(Some(n)),
                None => self.fail("a number is not a number"),
            },
        }
    }

    #[inline(never)]
    fn int(&mut self) -> Result<i64, TableError> {
        self.opt_int()?
            .map_or_else(|| self.fail("a number is missing"), Ok)
    }

    #[inline(never)]
    fn shape_ref(&mut self, shapes: usize) -> Result<Option<ShapeRef>, TableError> {
        match self.opt_int()? {
            None => Ok(None),
            Some(i) if (0..shapes as i64).contains(&i) => Ok(Some(i as ShapeRef)),
            Some(_) => self.fail("a shape index out of range"),
        }
    }

    #[inline(never)]
    fn list(&mut self, sep: u8) -> &'static [&'static str] {
        match self.opt_text() {
            None => &[],
            Some(t) => leak(crate::text::find::split(t, sep).collect()),
        }
    }

    #[inline(never)]
    fn timestamp_format(&mut self) -> Result<Option<TimestampFormat>, TableError> {
        Ok(match self.opt_text() {
            None => None,
            // The wasm writes every timestamp in its protocol's form (`Model::timestamp_format`).
            Some(_) if FOR_THE_ENGINE => {
                return self.fail("a timestamp format, which this build does not read");
            }
            Some("iso8601") => Some(TimestampFormat::DateTime),
            Some("unixTimestamp") => Some(TimestampFormat::EpochSeconds),
            Some("rfc822") => Some(TimestampFormat::HttpDate),
            Some(_) => return self.fail("an unknown timestamp format"),
        })
    }
}

/// Reads a table. Every index is checked, so the model it gives is as sound as a static one.
pub fn parse(text: &'static str) -> Result<&'static Model, TableError> {
    // Shapes are referred to before they are defined: count them first.
    let lines = || crate::text::find::split(text, b'\n');
    let shape_count = lines().filter(|l| l.starts_with("s\t")).count();
    let mut meta = None;
    let mut shapes: Vec<(Shape, usize, usize)> = Vec::new(); // shape, members from, to
    let mut members = Vec::new();
    let mut operations = Vec::new();
    let mut op_errors: Vec<(usize, usize)> = Vec::new(); // ranges of error_refs
    let mut error_refs: Vec<u16> = Vec::new();
    let mut errors = Vec::new();
    let mut paginators = Vec::new();
    let mut waiters: Vec<(Waiter, usize, usize)> = Vec::new();
    let mut acceptors = Vec::new();
    let mut documented = Vec::new();
    let mut strips = Vec::new();
    let mut hosts = Vec::new();
    let mut protocol = Protocol::Query;
    let mut global = false;
    let mut json = ("", "");
    for (n, line) in lines().enumerate() {
        let mut f = Fields {
            it: crate::text::find::split(line, b'\t'),
            line: n + 1,
        };
        match f.text() {
            "p" | "w" | "a" | "x" if FOR_THE_ENGINE => {}
            "meta" => {
                meta = Some((f.text(), f.text(), f.text(), f.text()));
                protocol = match f.text() {
                    "" => Protocol::Query,
                    "rest-xml" => Protocol::RestXml,
                    "json" => Protocol::Json,
                    _ => return f.fail("an unknown protocol"),
                };
                global = f.text() == "1";
                json = (f.text(), f.text());
            }
            "s" => {
                let name = f.text();
                let kind_name = f.text();
                let Some(&kind) = KINDS.iter().find(|k| k.model_name() == kind_name) else {
                    return f.fail("an unknown shape kind");
                };
                // The wasm carries no base64 (`crate::text::base64`): no shipped table has a blob.
                if FOR_THE_ENGINE && kind == Kind::Blob {
                    return f.fail("a blob shape, which this build does not read");
                }
                let mut shape = Shape::new(name, kind, &[]).range(f.opt_int()?, f.opt_int()?);
                shape.pattern = f.opt_text();
                shape.timestamp_format = f.timestamp_format()?;
                shape.enum_values = f.list(b'|');
                shapes.push((shape, members.len(), members.len()));
            }
            "m" => {
                let name = f.text();
                let target = f.shape_ref(shape_count)?;
                let Some(target) = target else {
                    return f.fail("a member without a target");
                };
                let mut m = Member::new(name, target, f.opt_int()?.unwrap_or(0) as u8);
                // The wasm decodes and encodes no flattened member (`Member::flattened`).
                if FOR_THE_ENGINE && m.flags & super::shape::flags::FLATTENED != 0 {
                    return f.fail("a flattened member, which this build does not read");
                }
                m.xml_name = f.opt_text();
                m.timestamp_format = f.timestamp_format()?;
                members.push(m);
                match shapes.last_mut() {
                    Some(last) => last.2 = members.len(),
                    None => return f.fail("a member before any shape"),
                }
            }
            "o" => {
                let name = f.text();
                let input = f.shape_ref(shape_count)?;
                let output = f.shape_ref(shape_count)?;
                // `*`: awsQuery's usual wrapper, `{name}Result` (the shipped tables say it so).
                let result_wrapper = match f.opt_text() {
                    Some("*") => Some(&*cat!(name, "Result").leak()),
                    other => other,
                };
                let from = error_refs.len();
                let errors = if FOR_THE_ENGINE {
                    f.text(); // passed over: the field after it is read
                    &[][..]
                } else {
                    f.list(b',')
                };
                for e in errors {
                    match crate::text::digits::parse_int(e).and_then(|n| u16::try_from(n).ok()) {
                        Some(n) => error_refs.push(n),
                        None => return f.fail("an error index is not a number"),
                    }
                }
                op_errors.push((from, error_refs.len()));
                operations.push(Operation {
                    name,
                    input,
                    output,
                    result_wrapper,
                    errors: &[],
                    unsigned: f.text() == "1",
                    method: if FOR_THE_ENGINE { "" } else { f.text() },
                    uri: if FOR_THE_ENGINE { "" } else { f.text() },
                    input_root: if FOR_THE_ENGINE { None } else { f.opt_text() },
                });
            }
            "e" => {
                let Some(shape) = f.shape_ref(shape_count)? else {
                    return f.fail("an error without its shape");
                };
                errors.push(ErrorInfo {
                    shape,
                    code: f.text(),
                    // Not shipped (nothing at run time reads it): 0 when absent.
                    status: f.opt_int()?.unwrap_or(0) as u16,
                    sender_fault: f.text() == "1",
                });
            }
            "p" => paginators.push(Paginator {
                operation: f.text(),
                input_token: f.text(),
                output_token: f.text(),
                result_key: f.text(),
                limit_key: f.text(),
                more_results: f.text(),
            }),
            "h" => hosts.push(HostRule {
                place: f.text(),
                flags: f.int()? as u8,
                host: f.text(),
                signing: f.text(),
            }),
            "x" => {
                let Some(shape) = f.shape_ref(shape_count)? else {
                    return f.fail("a strip without its shape");
                };
                strips.push(Strip {
                    shape,
                    prefixes: f.list(b'|'),
                });
            }
            "w" => {
                let waiter = Waiter {
                    name: f.text(),
                    operation: f.text(),
                    delay: f.int()? as u32,
                    max_attempts: f.int()? as u32,
                    acceptors: &[],
                };
                waiters.push((waiter, acceptors.len(), acceptors.len()));
            }
            "a" => {
                acceptors.push(Acceptor {
                    matcher: f.text(),
                    argument: f.text(),
                    expected: f.text(),
                    state: f.text(),
                });
                match waiters.last_mut() {
                    Some(last) => last.2 = acceptors.len(),
                    None => return f.fail("an acceptor before any waiter"),
                }
            }
            "d" => documented.push(Documented {
                shape: f.text(),
                values: f.list(b'|'),
                min: f.opt_int()?,
                max: f.opt_int()?,
            }),
            "" => {}
            _ => return f.fail("an unknown record"),
        }
    }
    let fail = |message| Err(TableError { line: 0, message });
    let Some((api_version, xml_namespace, endpoint_prefix, signing_name)) = meta else {
        return fail("no meta line");
    };
    if error_refs.iter().any(|&e| usize::from(e) >= errors.len()) {
        return fail("an operation names an error the table lacks");
    }
    let members = leak(members);
    let acceptors = leak(acceptors);
    let errors_slice = leak(errors);
    let error_refs = leak(error_refs);
    for (op, (from, to)) in operations.iter_mut().zip(op_errors) {
        op.errors = &error_refs[from..to];
    }
    let model = Model {
        api_version,
        xml_namespace,
        endpoint_prefix,
        signing_name,
        protocol,
        target_prefix: json.0,
        json_version: json.1,
        global,
        strips: leak(strips),
        hosts: leak(hosts),
        shapes: leak(
            shapes
                .into_iter()
                .map(|(s, from, to)| Shape {
                    members: &members[from..to],
                    ..s
                })
                .collect(),
        ),
        operations: leak(operations),
        errors: errors_slice,
        paginators: leak(paginators),
        waiters: leak(
            waiters
                .into_iter()
                .map(|(w, from, to)| Waiter {
                    acceptors: &acceptors[from..to],
                    ..w
                })
                .collect(),
        ),
        documented: leak(documented),
    };
    Ok(Box::leak(Box::new(model)))
}

/// Writes `model` as the text [`parse`] reads, whole.
pub fn write(model: &Model) -> String {
    write_table(model, false)
}

/// The table as a package entry ships it: what nothing reads at run time is left out, the names
/// of shapes (but those a documented constraint refers to), enum values (enums are open), an
/// awsQuery service's XML namespace, the errors each operation raises.
/// Measured: ElbClient's bundle −0.38 KB brotli, ELBv2's −0.9 KB, Route 53's −0.5 KB. Since issue
/// 28 also: shapes that say the same ship once (see [`same_shapes`]: ELBv2's 417 become 191, ELB's
/// 181 become 103; bundles −0.52 and −0.11 KB), the usual awsQuery result wrapper is `*`, and what
/// only the declarations read is left out (errors' status and fault, paginators' result and limit
/// keys, the errors the engine never looks up, constraints of shapes only answers reach).
/// Everything else is [`write`]'s.
pub fn write_shipped(model: &Model) -> String {
    write_table(model, true)
}

/// For each shape, the index of the first shape that says the same as it, as the shipped table
/// reads it: same name (names ship only where a documented constraint needs them), kind,
/// constraints, timestamp format and prefix strips, and members of the same names, flags, wire
/// names and formats whose targets say the same in turn. Found as a DFA is minimised: start from
/// what a shape says itself, split classes by their members' classes until nothing splits.
fn same_shapes(model: &Model, checked: &[bool]) -> Vec<usize> {
    let named = |s: &Shape| model.documented.iter().any(|d| d.shape == s.name);
    let own: Vec<String> = model
        .shapes
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let strips = model
                .strips
                .iter()
                .filter(|x| usize::from(x.shape) == i)
                .map(|x| x.prefixes.join("|"));
            format!(
                "{}\t{}\t{:?}\t{:?}\t{:?}\t{:?}\t{:?}",
                if named(s) { s.name } else { "" },
                s.kind.model_name(),
                s.min.filter(|_| checked[i]),
                s.max.filter(|_| checked[i]),
                s.pattern.filter(|_| checked[i]),
                s.timestamp_format,
                strips.collect::<Vec<_>>(),
            )
        })
        .collect();
    let mut class: Vec<usize> = vec![0; model.shapes.len()];
    let mut count = 0;
    loop {
        let mut first: Vec<(String, usize)> = Vec::new();
        let next: Vec<usize> = model
            .shapes
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let mut key = own[i].clone();
                for m in s.members {
                    key.put(&format!(
                        "\n{}\t{}\t{:?}\t{:?}\t{}",
                        m.name,
                        shipped_flags(m.flags, checked[i]),
                        m.xml_name,
                        m.timestamp_format,
                        class[usize::from(m.target)]
                    ));
                }
                match first.iter().find(|(k, _)| *k == key) {
                    Some(&(_, rep)) => rep,
                    None => {
                        first.push((key, i));
                        i
                    }
                }
            })
            .collect();
        class = next;
        if first.len() == count {
            return class;
        }
        count = first.len();
    }
}

/// Whether the engine looks an error up at run time: for the members it carries beyond its
/// message (read into the error's fields), or, in restXml, for a document named after its code.
/// An awsQuery or awsJson error of a message alone reads the same without its record (its code is
/// on the wire), so the shipped table leaves it out: ELBv2's 56, ELB's 22.
pub fn error_read_at_run_time(model: &Model, e: &ErrorInfo) -> bool {
    model.protocol == Protocol::RestXml
        || model
            .shape(e.shape)
            .members
            .iter()
            .any(|m| !m.name.eq_ignore_ascii_case("message"))
}

/// Which shapes a caller's input reaches (the operations' inputs, through their members): only
/// those are validated, so only those ship their constraints and required flags (issue 28).
fn checked_shapes(model: &Model) -> Vec<bool> {
    let mut checked = vec![false; model.shapes.len()];
    let mut todo: Vec<ShapeRef> = model.operations.iter().filter_map(|o| o.input).collect();
    while let Some(r) = todo.pop() {
        match checked.get_mut(usize::from(r)) {
            Some(seen) if !*seen => *seen = true,
            _ => continue,
        }
        todo.extend(model.shape(r).members.iter().map(|m| m.target));
    }
    checked
}

/// A member's flags as shipped: `required` is for validation, so only a checked shape keeps it.
fn shipped_flags(flags: u8, checked: bool) -> u8 {
    if checked {
        flags
    } else {
        flags & !super::shape::flags::REQUIRED
    }
}

fn write_table(model: &Model, shipped: bool) -> String {
    use std::fmt::Write;
    // Shipped, what is never validated (the constraints of shapes only answers reach) is left out.
    let checked = if shipped {
        checked_shapes(model)
    } else {
        vec![true; model.shapes.len()]
    };
    // Shipped, a shape is written once, at its first occurrence; every reference is renumbered.
    let same: Vec<usize> = if shipped {
        same_shapes(model, &checked)
    } else {
        (0..model.shapes.len()).collect()
    };
    let mut number = vec![0usize; model.shapes.len()];
    let mut written = 0;
    for (i, &rep) in same.iter().enumerate() {
        if rep == i {
            number[i] = written;
            written += 1;
        }
    }
    let renumber = |r: ShapeRef| number[same[usize::from(r)]].to_string();
    let opt = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
    let ts = |f: Option<TimestampFormat>| match f {
        None => "",
        Some(TimestampFormat::DateTime) => "iso8601",
        Some(TimestampFormat::EpochSeconds) => "unixTimestamp",
        Some(TimestampFormat::HttpDate) => "rfc822",
    };
    let mut out = String::new();
    // Trailing empty fields are left out: a missing field reads as an empty one.
    let mut line = |fields: &[&str]| {
        let used = fields
            .iter()
            .rposition(|f| !f.is_empty())
            .map_or(0, |i| i + 1);
        out.put(&fields[..used].join("\t"));
        out.push('\n');
    };
    // The namespace ships where requests carry it (restXml bodies); no answer is checked for it.
    let namespace = match (shipped, model.protocol) {
        (true, Protocol::Query) => "",
        _ => model.xml_namespace,
    };
    line(&[
        "meta",
        model.api_version,
        namespace,
        model.endpoint_prefix,
        model.signing_name,
        match model.protocol {
            Protocol::Query => "",
            Protocol::RestXml => "rest-xml",
            Protocol::Json => "json",
        },
        if model.global { "1" } else { "" },
        model.target_prefix,
        model.json_version,
    ]);
    for (i, s) in model
        .shapes
        .iter()
        .enumerate()
        .filter(|&(i, _)| same[i] == i)
    {
        let named = !shipped || model.documented.iter().any(|d| d.shape == s.name);
        let name = if named { s.name } else { "" };
        let (min, max) = (
            opt(s.min.filter(|_| checked[i])),
            opt(s.max.filter(|_| checked[i])),
        );
        // Enums are open (a value the table lacks is sent): nothing checks them at run time.
        let values = if shipped {
            String::new()
        } else {
            s.enum_values.join("|")
        };
        line(&[
            "s",
            name,
            s.kind.model_name(),
            &min,
            &max,
            s.pattern.filter(|_| checked[i]).unwrap_or(""),
            ts(s.timestamp_format),
            &values,
        ]);
        for m in s.members {
            let target = renumber(m.target);
            let flags = match shipped_flags(m.flags, checked[i]) {
                0 => String::new(),
                f => f.to_string(),
            };
            line(&[
                "m",
                m.name,
                &target,
                &flags,
                m.xml_name.unwrap_or(""),
                ts(m.timestamp_format),
            ]);
        }
    }
    for o in model.operations {
        // Which errors an operation raises is for the declarations and the docs, not the run.
        let mut errors = String::new();
        for (i, e) in o.errors.iter().enumerate().filter(|_| !shipped) {
            let _ = write!(errors, "{}{e}", if i > 0 { "," } else { "" });
        }
        let shape = |r: Option<ShapeRef>| r.map(renumber).unwrap_or_default();
        line(&[
            "o",
            o.name,
            &shape(o.input),
            &shape(o.output),
            match o.result_wrapper {
                Some(w) if shipped && w.strip_suffix("Result") == Some(o.name) => "*",
                w => w.unwrap_or(""),
            },
            &errors,
            if o.unsigned { "1" } else { "" },
            o.method,
            o.uri,
            o.input_root.unwrap_or(""),
        ]);
    }
    for e in model
        .errors
        .iter()
        .filter(|e| !shipped || error_read_at_run_time(model, e))
    {
        // What an error's status and fault are is for the declarations, not the run.
        let (shape, status) = (renumber(e.shape), e.status.to_string());
        let fault = if e.sender_fault { "1" } else { "0" };
        let said = if shipped { ["", ""] } else { [&status, fault] };
        line(&["e", &shape, e.code, said[0], said[1]]);
    }
    for p in model.paginators {
        line(&[
            "p",
            p.operation,
            p.input_token,
            p.output_token,
            // Which member holds a page's results, and its limit, only the declarations read.
            if shipped { "" } else { p.result_key },
            if shipped { "" } else { p.limit_key },
            p.more_results,
        ]);
    }
    let mut stripped = Vec::new();
    for x in model.strips {
        // Two stripped shapes that became one are stripped once.
        let shape = renumber(x.shape);
        if stripped.contains(&shape) {
            continue;
        }
        line(&["x", &shape, &x.prefixes.join("|")]);
        stripped.push(shape);
    }
    for h in model.hosts {
        line(&["h", h.place, &h.flags.to_string(), h.host, h.signing]);
    }
    for w in model.waiters {
        let (delay, max) = (w.delay.to_string(), w.max_attempts.to_string());
        line(&["w", w.name, w.operation, &delay, &max]);
        for a in w.acceptors {
            line(&["a", a.matcher, a.argument, a.expected, a.state]);
        }
    }
    for d in model.documented {
        line(&["d", d.shape, &d.values.join("|"), &opt(d.min), &opt(d.max)]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = "meta\t2020-01-01\thttp://ns/\tsvc\tsvc\trest-xml\t1\n\
        s\tIn\tstructure\n\
        m\tName\t1\t1\tname\n\
        m\tWhen\t2\t\t\tunixTimestamp\n\
        s\tName\tstring\t1\t32\t^[a-z]+$\t\ta|b\n\
        s\tWhen\ttimestamp\n\
        s\tOops\tstructure\n\
        o\tDo\t0\t\tDoResult\t0\t\tGET\t/x/{Name}\tDoRequest\n\
        e\t3\tOops\t429\t0\n\
        p\tDo\tMarker\tNextMarker\tItems\t\tMore\n\
        x\t1\t/a/|/b/\n\
        w\tDone\tDo\t5\t10\n\
        a\tstatus\t\t200\tsuccess\n\
        d\tName\tx|y\t\t7\n";

    #[test]
    fn reads_every_record() {
        let m = parse(SMALL).unwrap();
        assert_eq!((m.api_version, m.signing_name), ("2020-01-01", "svc"));
        let input = m.shape(0);
        assert_eq!(input.members.len(), 2);
        assert!(input.members[0].required());
        assert_eq!(input.members[0].wire_name(), "name");
        assert_eq!(
            input.members[1].timestamp_format,
            Some(TimestampFormat::EpochSeconds)
        );
        let name = m.shape(1);
        assert_eq!(
            (name.min, name.max, name.pattern),
            (Some(1), Some(32), Some("^[a-z]+$"))
        );
        assert_eq!(name.enum_values, &["a", "b"]);
        let op = m.operation("Do").unwrap();
        assert_eq!(
            (op.input, op.output, op.result_wrapper),
            (Some(0), None, Some("DoResult"))
        );
        assert_eq!(
            m.error_by_code("Oops").map(|e| (e.shape, e.status)),
            Some((3, 429))
        );
        assert_eq!(
            (op.method, op.uri, op.input_root, op.unsigned),
            ("GET", "/x/{Name}", Some("DoRequest"), false)
        );
        assert_eq!((m.protocol, m.global), (Protocol::RestXml, true));
        assert_eq!(m.paginators[0].limit_key, "");
        assert_eq!(m.paginators[0].more_results, "More");
        assert_eq!(
            (m.strips[0].shape, m.strips[0].prefixes),
            (1, &["/a/", "/b/"][..])
        );
        assert_eq!(m.waiters[0].acceptors[0].expected, "200");
        assert_eq!(
            (m.documented[0].values, m.documented[0].max),
            (&["x", "y"][..], Some(7))
        );
    }

    #[test]
    fn writes_what_it_reads() {
        let m = parse(SMALL).unwrap();
        assert_eq!(write(m), SMALL);
    }

    #[test]
    fn ships_without_the_names_no_one_reads() {
        let m = parse(SMALL).unwrap();
        let shipped = write_shipped(m);
        // `Name` stays (a documented constraint names it); the structures' and the timestamp's
        // names go, and so do enum values, an operation's errors, an error's status and fault, a
        // paginator's result and limit keys; the usual result wrapper is `*`.
        let expected = SMALL
            .replace("s\tIn\t", "s\t\t")
            .replace("s\tWhen\t", "s\t\t")
            .replace("s\tOops\t", "s\t\t")
            .replace("\t\ta|b\n", "\n")
            .replace("DoResult\t0\t", "*\t\t")
            .replace("Oops\t429\t0\n", "Oops\n")
            .replace("NextMarker\tItems\t", "NextMarker\t\t");
        assert_eq!(shipped, expected);
        let back = parse(Box::leak(shipped.into_boxed_str())).unwrap();
        assert_eq!(write_shipped(back), expected);
        let op = back.operation("Do").unwrap();
        assert_eq!(
            op.result_wrapper,
            Some("DoResult"),
            "`*` reads as the usual wrapper"
        );
        assert_eq!(back.error_by_code("Oops").map(|e| e.shape), Some(3));
    }

    #[test]
    fn refuses_what_is_not_a_table() {
        for (text, line) in [
            ("s\tA\tnumber\t\t\t\t\t\n", 1),
            ("meta\ta\tb\tc\td\ns\tA\tstructure\nm\tX\t9\t0\n", 3),
            ("m\tX\t0\t0\n", 1),
            ("meta\ta\tb\tc\td\ns\tA\tstring\tone\n", 2),
            ("a\tstatus\t\t200\tsuccess\n", 1),
            ("x\n", 1),
            ("s\tA\tstring\n", 0),
            ("meta\ta\tb\tc\td\no\tDo\t\t\t\t3\n", 0),
        ] {
            assert_eq!(parse(text).map(|_| ()).unwrap_err().line, line, "{text:?}");
        }
    }
}
