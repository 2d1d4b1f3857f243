//! The wire formats: what a request becomes before it is signed and what an answer's bytes mean.
//!
//! awsQuery's `query` writes the form; `xml` reads the answers of awsQuery and restXml alike.
//! JSON is the crossing to JS in both directions, and `validate` checks an input against its shape
//! before anything is written.
//!
//! restXml's requests (Route 53) are written by the JS face from the service's table
//! (`js/client/rest_xml.js`) and handed to the call to sign as they are: measured, a writer here
//! cost every bundle, ElbClient's included, 1.85 KB brotli of wasm; in JS it costs 1 KB, and only
//! pages that use a restXml service. awsJson's answers are read by the JS face likewise
//! (`js/client/aws_json.js`); `aws_json` decides on what it read.

pub mod aws_json;
pub mod json;
pub mod query;
pub mod validate;
pub mod xml;
pub mod xml_lexer;
