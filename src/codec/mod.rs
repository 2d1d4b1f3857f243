//! The wire formats: what a request becomes before it is signed and what an answer's bytes mean.
//!
//! One codec per protocol, chosen by the service's table: awsQuery's `query` writes the form,
//! restXml's `rest_xml` the request line and XML body; `xml` reads both protocols' answers. JSON
//! is the crossing to JS in both directions, `scalar` a value's wire text for every encoder, and
//! `validate` checks an input against its shape before any codec writes it. Nothing above this
//! layer names a protocol's details.

pub mod json;
pub mod query;
pub mod rest_xml;
pub mod scalar;
pub mod validate;
pub mod xml;
pub mod xml_lexer;
