//! Service descriptions as data: the table types and the built-in ELB table.

mod elb;
pub mod shape;

pub use elb::ELB;
pub use shape::{ErrorInfo, Kind, Member, Model, Operation, Shape, ShapeRef, TimestampFormat};
