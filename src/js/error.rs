//! Turning the core's errors into `ElbError`s, the JS class in `js/client/elb_error.js`.

use crate::call::client::Failure;
use crate::error::Error;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/client/elb_error.js")]
extern "C" {
    #[wasm_bindgen(js_name = makeElbError)]
    fn make_elb_error(
        message: &str,
        code: &str,
        status_code: u16,
        request_id: Option<String>,
        retryable: bool,
        attempts: u32,
        field: Option<String>,
    ) -> JsValue;
}

/// Messages quote what the service or the input said; a whole HTML page in an error message
/// helps nobody, so the text is cut at this many characters.
const MAX_MESSAGE_CHARS: usize = 600;

/// The `ElbError` for a failed call.
#[cfg_attr(size_build, optimize(size))]
pub fn failure(f: Failure) -> JsValue {
    let mut message = f.error.message();
    if let Some((cut, _)) = message.char_indices().nth(MAX_MESSAGE_CHARS) {
        message.truncate(cut);
        message.push('…');
    }
    let field = match &f.error {
        Error::InvalidInput { field, .. } => Some(field.clone()),
        _ => None,
    };
    make_elb_error(
        &message,
        f.error.code(),
        f.error.status().unwrap_or(0),
        f.request_id,
        crate::call::retry::is_retryable(&f.error),
        f.attempts,
        field,
    )
}

/// The `ElbError` for an error raised before anything was sent.
#[cfg_attr(size_build, optimize(size))]
pub fn before_sending(error: Error) -> JsValue {
    failure(Failure {
        error,
        attempts: 0,
        request_id: None,
    })
}

/// `InvalidInput` on a named configuration or option field.
pub fn invalid(field: &str, message: impl Into<String>) -> JsValue {
    before_sending(Error::invalid_input(field, message))
}
