# The one pinned nightly toolchain (sourced by build.sh and fuzz.sh, not run). The package's wasm is
# built with it (-Zbuild-std, see build.sh) and cargo-fuzz runs on it; host tests, clippy and the
# wasm-bindgen tests use stable. Pinned: the unstable flags build.sh uses have changed before.
NIGHTLY=nightly-2026-10-29

ensure_nightly() {
  rustup toolchain list | grep -q "^$NIGHTLY" \
    || rustup toolchain install "$NIGHTLY" --profile minimal --component rust-src --target wasm32-unknown-unknown
  # Idempotent, for a toolchain installed without them (quiet unless they fail).
  rustup -q component add rust-src --toolchain "$NIGHTLY"
  rustup -q target add wasm32-unknown-unknown --toolchain "$NIGHTLY"
}
