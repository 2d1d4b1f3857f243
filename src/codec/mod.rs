//! The wire formats: what a request becomes before it is signed and what an answer's bytes mean.
//!
//! One codec per protocol, chosen by the service's table (awsQuery today: `query` writes the form,
//! `xml` reads the answer); JSON is the crossing to JS in both directions, and `validate` checks an
//! input against its shape before any codec writes it. A new protocol (restXml for Route 53) is a
//! file here beside `query`/`xml`; nothing above this layer names a protocol's details.

pub mod json;
pub mod query;
pub mod validate;
pub mod xml;
pub mod xml_lexer;
