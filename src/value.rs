//! The plain value tree that sits between the JS (or test) world and the wire codecs.

/// A request input or a decoded response, shaped by a [`crate::model::Shape`] but not typed by it.
///
/// Structure keys borrow the member names of the static table, so building a value allocates
/// nothing for names.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// An explicit null: a sparse list or map entry.
    Null,
    Bool(bool),
    /// Byte, Short, Integer and Long members.
    Int(i64),
    /// Float and Double members, as decimal text (see [`crate::text::decimal`]), or `NaN`,
    /// `Infinity`, `-Infinity`.
    Float(String),
    Str(String),
    /// Host only, as blobs are (see `crate::text::base64`).
    #[cfg(not(target_arch = "wasm32"))]
    Blob(Vec<u8>),
    /// Milliseconds since the Unix epoch (what a JS `Date` holds).
    Timestamp(i64),
    List(Vec<Value>),
    Map(Vec<(String, Value)>),
    /// A structure or union: present members only, in table order when built from the table.
    Struct(Vec<(&'static str, Value)>),
}

impl Value {
    /// The member `name` of a structure value.
    pub fn get(&self, name: &str) -> Option<&Value> {
        match self {
            Value::Struct(fields) => fields.iter().find(|(k, _)| *k == name).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_list(&self) -> Option<&[Value]> {
        match self {
            Value::List(items) => Some(items),
            _ => None,
        }
    }

    /// What this value is, for messages: "got {type_name}".
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Int(_) | Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            #[cfg(not(target_arch = "wasm32"))]
            Value::Blob(_) => "binary data",
            Value::Timestamp(_) => "a date",
            Value::List(_) => "an array",
            Value::Map(_) | Value::Struct(_) => "an object",
        }
    }
}
