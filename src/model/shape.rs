//! The compact table types that describe a service: shapes, members, operations, errors.
//!
//! One generic encoder, decoder and validator walk these tables, so adding an operation (or a
//! whole service) adds data, not code. Shapes refer to each other by index into
//! [`Model::shapes`], which lets a table describe recursive shapes and be built at run time
//! (the protocol tests load Smithy's test model into this same form).

/// What kind of value a shape holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Boolean,
    Byte,
    Short,
    Integer,
    Long,
    Float,
    Double,
    String,
    Blob,
    Timestamp,
    Structure,
    Union,
    /// `members[0]` is the element; its `xml_name` names each element on the wire.
    List,
    /// `members[0]` is the key and `members[1]` the value; their `xml_name`s rename them.
    Map,
}

impl Kind {
    /// Integer-valued kinds (Smithy's intEnum is an Integer here).
    pub fn is_integer(self) -> bool {
        matches!(self, Kind::Byte | Kind::Short | Kind::Integer | Kind::Long)
    }

    pub fn is_float(self) -> bool {
        matches!(self, Kind::Float | Kind::Double)
    }

    /// What a value of this kind is, for messages: "must be {expected}".
    pub fn expected(self) -> &'static str {
        match self {
            Kind::Boolean => "a boolean",
            Kind::Byte | Kind::Short | Kind::Integer | Kind::Long => "an integer",
            Kind::Float | Kind::Double => "a number",
            Kind::String => "a string",
            Kind::Blob => "binary data or a string",
            Kind::Timestamp => "a date",
            Kind::Structure | Kind::Union => "an object",
            Kind::List => "an array",
            Kind::Map => "an object of string keys",
        }
    }

    /// The name the service model uses for this kind (botocore spelling).
    pub fn model_name(self) -> &'static str {
        match self {
            Kind::Boolean => "boolean",
            Kind::Byte => "byte",
            Kind::Short => "short",
            Kind::Integer => "integer",
            Kind::Long => "long",
            Kind::Float => "float",
            Kind::Double => "double",
            Kind::String => "string",
            Kind::Blob => "blob",
            Kind::Timestamp => "timestamp",
            Kind::Structure => "structure",
            Kind::Union => "union",
            Kind::List => "list",
            Kind::Map => "map",
        }
    }
}

/// How a timestamp is written on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimestampFormat {
    DateTime,
    EpochSeconds,
    HttpDate,
}

/// An index into [`Model::shapes`].
pub type ShapeRef = u16;

/// Bit flags on a [`Member`].
pub mod flags {
    pub const REQUIRED: u8 = 1;
    /// awsQuery/XML: the list or map is written without its wrapper element.
    pub const FLATTENED: u8 = 2;
    /// restXml input members bound to the request line rather than the body: a `{label}` of the
    /// operation's URI, or a query-string parameter. The wire name is the member's `xml_name`.
    pub const URI: u8 = 4;
    pub const QUERY: u8 = 8;
}

/// A member of a structure, or the element of a list, or the key/value of a map.
#[derive(Clone, Copy, Debug)]
pub struct Member {
    pub name: &'static str,
    pub target: ShapeRef,
    pub flags: u8,
    /// Wire name when it differs from `name` (Smithy `xmlName`, botocore `locationName`).
    pub xml_name: Option<&'static str>,
    /// Overrides the target shape's timestamp format.
    pub timestamp_format: Option<TimestampFormat>,
}

impl Member {
    pub const fn new(name: &'static str, target: ShapeRef, flags: u8) -> Member {
        Member {
            name,
            target,
            flags,
            xml_name: None,
            timestamp_format: None,
        }
    }

    pub fn required(&self) -> bool {
        self.flags & flags::REQUIRED != 0
    }

    /// Never in the wasm: no shipped table has a flattened member, so its table reader refuses
    /// one and the codecs' flattened paths are the host's alone, where the protocol test suites
    /// run them (issue 28: -0.44 KB brotli).
    pub fn flattened(&self) -> bool {
        cfg!(not(target_arch = "wasm32")) && self.flags & flags::FLATTENED != 0
    }

    /// Whether the member travels in the URI or the query string (restXml), not in the body.
    pub fn in_request_line(&self) -> bool {
        self.flags & (flags::URI | flags::QUERY) != 0
    }

    /// The name this member has on the wire (query keys and XML element names).
    pub fn wire_name(&self) -> &'static str {
        self.xml_name.unwrap_or(self.name)
    }
}

/// One shape: a type with its constraints.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    pub name: &'static str,
    pub kind: Kind,
    /// Structure/union members; the single list element; the map key then value.
    pub members: &'static [Member],
    /// Length (strings, blobs, lists, maps) or value (numbers) bounds, inclusive.
    pub min: Option<i64>,
    pub max: Option<i64>,
    /// A regular expression of the simple form [`crate::text::pattern`] understands.
    pub pattern: Option<&'static str>,
    /// Allowed values of a string enum; empty when any string is allowed.
    pub enum_values: &'static [&'static str],
    pub timestamp_format: Option<TimestampFormat>,
}

impl Shape {
    pub const fn new(name: &'static str, kind: Kind, members: &'static [Member]) -> Shape {
        Shape {
            name,
            kind,
            members,
            min: None,
            max: None,
            pattern: None,
            enum_values: &[],
            timestamp_format: None,
        }
    }

    pub const fn range(mut self, min: Option<i64>, max: Option<i64>) -> Shape {
        self.min = min;
        self.max = max;
        self
    }

    pub const fn pattern(mut self, pattern: &'static str) -> Shape {
        self.pattern = Some(pattern);
        self
    }

    /// The member called `name`, if the shape has one.
    pub fn member(&self, name: &str) -> Option<&'static Member> {
        self.members.iter().find(|m| m.name == name)
    }
}

/// A modelled service error: the wire `Code` and the HTTP status AWS answers it with.
#[derive(Clone, Copy, Debug)]
pub struct ErrorInfo {
    pub shape: ShapeRef,
    pub code: &'static str,
    pub status: u16,
    pub sender_fault: bool,
}

/// One API action.
#[derive(Clone, Copy, Debug)]
pub struct Operation {
    pub name: &'static str,
    pub input: Option<ShapeRef>,
    pub output: Option<ShapeRef>,
    /// The element inside `<{name}Response>` that holds the output members.
    pub result_wrapper: Option<&'static str>,
    /// Indexes into [`Model::errors`].
    pub errors: &'static [u16],
    /// Sent without a signature and without credentials: the model says the operation takes no
    /// auth (STS AssumeRoleWithWebIdentity: the web identity token is the proof).
    pub unsigned: bool,
    /// restXml: the HTTP method and the URI template (`/2013-04-01/hostedzone/{Id}/rrset`, with
    /// `?name` parts a service may fix); empty for awsQuery, whose every operation is `POST /`.
    pub method: &'static str,
    pub uri: &'static str,
    /// restXml: the root element of the request body (its members outside the request line).
    pub input_root: Option<&'static str>,
}

/// How an operation's results continue on later pages (botocore's `paginators-1`).
#[derive(Clone, Copy, Debug)]
pub struct Paginator {
    pub operation: &'static str,
    pub input_token: &'static str,
    pub output_token: &'static str,
    pub result_key: &'static str,
    pub limit_key: &'static str,
    /// The output member that says whether there are more pages (empty: the token says it).
    pub more_results: &'static str,
}

/// Strings of `shape` lose any of `prefixes` before they are checked and sent: the SDKs'
/// customisation that lets one operation's output (Route 53's `/hostedzone/Z…`, `/change/C…`)
/// be the next one's input, where the service wants the bare id. The JS face that writes the
/// service's requests applies it (`js/client/rest_xml.js`).
#[derive(Clone, Copy, Debug)]
pub struct Strip {
    pub shape: ShapeRef,
    pub prefixes: &'static [&'static str],
}

/// Where the service's endpoint rule set departs from the one formula every client uses
/// (`https://<prefix>[-fips].<region>.<partition's suffix>`, see `call/partition.rs`): for the
/// regions of a partition, or one region, under one FIPS/dual-stack setting. Derived from the
/// rule set by `tools/endpoint_rules.py`, which proves formula plus rules equal to the rule set.
#[derive(Clone, Copy, Debug)]
pub struct HostRule {
    /// A partition's name (`aws-us-gov`) or a region's (`aws-global`).
    pub place: &'static str,
    /// 1: FIPS, 2: dual-stack.
    pub flags: u8,
    /// The host, `{Region}` standing for the region; `!` when the rule set refuses the setting.
    pub host: &'static str,
    /// The region requests are signed for, when not the formula's.
    pub signing: &'static str,
}

/// How requests and responses are written: awsQuery (a form body, XML answers), or restXml
/// (method, URI and query string from the operation, an XML body).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protocol {
    Query,
    RestXml,
    /// awsJson: `POST /`, the operation in `X-Amz-Target`, JSON both ways (Cognito Identity).
    Json,
}

/// Polls an operation until its acceptors say the resource reached a state (botocore's `waiters-2`).
#[derive(Clone, Copy, Debug)]
pub struct Waiter {
    pub name: &'static str,
    pub operation: &'static str,
    /// Seconds between attempts.
    pub delay: u32,
    pub max_attempts: u32,
    pub acceptors: &'static [Acceptor],
}

/// One rule of a waiter: when `matcher` on `argument` yields `expected`, the waiter goes to `state`.
#[derive(Clone, Copy, Debug)]
pub struct Acceptor {
    /// `path`, `pathAll`, `pathAny`, `status` or `error`, as the waiter model spells them.
    pub matcher: &'static str,
    /// A JMESPath of the form `A[].B` (empty for `status` and `error`).
    pub argument: &'static str,
    /// The expected value as text (a string, or a status code's digits).
    pub expected: &'static str,
    /// `success`, `retry` or `failure`.
    pub state: &'static str,
}

/// A whole service: the tables every codec walks.
#[derive(Clone, Copy, Debug)]
pub struct Model {
    pub api_version: &'static str,
    pub xml_namespace: &'static str,
    pub endpoint_prefix: &'static str,
    pub signing_name: &'static str,
    pub protocol: Protocol,
    /// awsJson's `X-Amz-Target` prefix and JSON version (`1.1`); empty for the others.
    pub target_prefix: &'static str,
    pub json_version: &'static str,
    /// One endpoint per partition (Route 53): `https://<prefix>.<partition's domain>`, signed for
    /// the partition's global region, whatever the client's region.
    pub global: bool,
    pub strips: &'static [Strip],
    pub hosts: &'static [HostRule],
    pub shapes: &'static [Shape],
    pub operations: &'static [Operation],
    pub errors: &'static [ErrorInfo],
    pub paginators: &'static [Paginator],
    pub waiters: &'static [Waiter],
    /// Constraints the service's documentation states where the model states none.
    pub documented: &'static [Documented],
}

/// A documented constraint on a shape: allowed values of a string (any case), a string's length
/// in characters, or an integer's range.
#[derive(Debug)]
pub struct Documented {
    pub shape: &'static str,
    pub values: &'static [&'static str],
    pub min: Option<i64>,
    pub max: Option<i64>,
}

impl Model {
    /// The shape at `r`. Tables are checked when built (see tests), so an index is always in range;
    /// a bad one still gives a shape rather than a panic.
    pub fn shape(&self, r: ShapeRef) -> &'static Shape {
        static EMPTY: Shape = Shape::new("", Kind::Structure, &[]);
        self.shapes.get(usize::from(r)).unwrap_or(&EMPTY)
    }

    pub fn operation(&self, name: &str) -> Option<&'static Operation> {
        self.operations.iter().find(|o| o.name == name)
    }

    /// The modelled error whose wire code is `code`.
    pub fn error_by_code(&self, code: &str) -> Option<&'static ErrorInfo> {
        self.errors.iter().find(|e| e.code == code)
    }

    /// The timestamp format of a member, falling back to its target's, then the protocol default.
    pub fn timestamp_format(&self, member: &Member) -> TimestampFormat {
        // No shipped table names a format, so the wasm's table reader refuses one and every
        // timestamp it writes is ISO 8601 (awsJson's epoch seconds are the JSON writer's own):
        // the other formats' writers are the host's alone (issue 28: -0.19 KB brotli).
        if cfg!(target_arch = "wasm32") {
            return TimestampFormat::DateTime;
        }
        member
            .timestamp_format
            .or(self.shape(member.target).timestamp_format)
            .unwrap_or(TimestampFormat::DateTime)
    }
}
