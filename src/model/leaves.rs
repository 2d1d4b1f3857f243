//! Where, in an operation's output, the leaves JSON cannot carry sit: timestamps (a number in
//! the JSON, a `Date` for JS) and doubles (NaN and ±Infinity travel as strings). `tools/gen_js.rs`
//! writes these paths into each service's model file, and the JS face puts the leaves back along
//! them (`js/client/revive.js`): a walk in JS over a few known paths instead of one in the wasm
//! over the whole shape through `Reflect`, which cost the wasm 0.6 KB brotli and a boundary
//! crossing per member (issue 28).
//!
//! A path is steps joined by `.`: a member name, `[]` for every item of a list, `{}` for every
//! value of a map; a double's path starts with `#`. `Instances.[].LaunchTime`,
//! `#MetricDataResults.[].Values.[]`.

use super::{Kind, Model, ShapeRef};

/// Output nesting deeper than this is a recursive shape: its leaves have no finite list of paths.
const MAX_DEPTH: usize = 24;

/// Why the leaves of an output cannot be listed.
#[derive(Debug, PartialEq, Eq)]
pub struct Recursive {
    /// The path at which the walk gave up.
    pub path: String,
}

/// The leaf paths below the output shape `output`, in member order.
pub fn output_leaves(model: &Model, output: ShapeRef) -> Result<Vec<String>, Recursive> {
    let mut out = Vec::new();
    walk(model, output, String::new(), 0, &mut out)?;
    Ok(out)
}

fn walk(
    model: &Model,
    r: ShapeRef,
    path: String,
    depth: usize,
    out: &mut Vec<String>,
) -> Result<(), Recursive> {
    let shape = model.shape(r);
    match shape.kind {
        Kind::Timestamp => out.push(path),
        k if k.is_float() => out.push(format!("#{path}")),
        Kind::Structure | Kind::Union | Kind::List | Kind::Map if depth >= MAX_DEPTH => {
            return match has_leaf(model, r, &mut Vec::new()) {
                true => Err(Recursive { path }),
                false => Ok(()),
            };
        }
        Kind::Structure | Kind::Union => {
            for m in shape.members {
                walk(model, m.target, step(&path, m.name), depth + 1, out)?;
            }
        }
        Kind::List => {
            if let Some(element) = shape.members.first() {
                walk(model, element.target, step(&path, "[]"), depth + 1, out)?;
            }
        }
        Kind::Map => {
            if let Some(value) = shape.members.get(1) {
                walk(model, value.target, step(&path, "{}"), depth + 1, out)?;
            }
        }
        _ => {}
    }
    Ok(())
}

fn step(path: &str, part: &str) -> String {
    if path.is_empty() {
        part.to_owned()
    } else {
        format!("{path}.{part}")
    }
}

/// Whether a timestamp or a double lies below `r` (each shape visited once, so recursive shapes
/// end).
fn has_leaf(model: &Model, r: ShapeRef, seen: &mut Vec<ShapeRef>) -> bool {
    if seen.contains(&r) {
        return false;
    }
    seen.push(r);
    let shape = model.shape(r);
    shape.kind == Kind::Timestamp
        || shape.kind.is_float()
        || shape
            .members
            .iter()
            .any(|m| has_leaf(model, m.target, seen))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::text;

    /// Out: a timestamp, a list of structures with a double, a map of timestamps, a list of
    /// lists of timestamps, a string; Tree holds itself, Bare too (a timestamp beside it in the
    /// second test).
    const TABLE: &str = "meta\t2020-01-01\thttp://ns/\tsvc\tsvc\n\
        s\tOut\tstructure\n\
        m\tAt\t1\n\
        m\tItems\t2\n\
        m\tByName\t4\n\
        m\tSeries\t5\n\
        m\tName\t7\n\
        s\tAt\ttimestamp\n\
        s\tItems\tlist\n\
        m\tmember\t3\n\
        s\tItem\tstructure\n\
        m\tScore\t8\n\
        m\tName\t7\n\
        s\tByName\tmap\n\
        m\tkey\t7\n\
        m\tvalue\t1\n\
        s\tSeries\tlist\n\
        m\tmember\t6\n\
        s\tPoints\tlist\n\
        m\tmember\t1\n\
        s\tName\tstring\n\
        s\tScore\tdouble\n\
        s\tTree\tstructure\n\
        m\tLeft\t9\n\
        m\tName\t7\n\
        s\tBare\tstructure\n\
        m\tNext\t10\n\
        m\tName\t7\n\
        o\tGet\t\t0\n\
        o\tGrow\t\t9\n\
        o\tWalk\t\t10\n";

    #[test]
    fn lists_each_leaf_with_its_steps() {
        let m = text::parse(TABLE).unwrap();
        assert_eq!(
            output_leaves(m, 0).unwrap(),
            ["At", "#Items.[].Score", "ByName.{}", "Series.[].[]"]
        );
    }

    #[test]
    fn a_recursive_output_is_refused_only_with_leaves_below() {
        let m = text::parse(TABLE).unwrap();
        // Tree holds itself and nothing to revive: no paths, and the walk ends.
        assert_eq!(output_leaves(m, 9).unwrap(), Vec::<String>::new());
        let m = text::parse(Box::leak(
            TABLE
                .replace("m\tName\t7\no\tGet", "m\tWhen\t1\no\tGet")
                .into_boxed_str(),
        ))
        .unwrap();
        let e = output_leaves(m, 10).unwrap_err();
        assert!(e.path.starts_with("Next.Next.Next."), "{}", e.path);
    }
}
