//! Service descriptions as data: the table types and the built-in ELB table.

mod elb;
pub mod leaves;
pub mod shape;
pub mod text;

pub use elb::ELB;
pub use shape::{
    Acceptor, Documented, ErrorInfo, HostRule, Kind, Member, Model, Operation, Paginator, Protocol,
    Shape, ShapeRef, Strip, TimestampFormat, Waiter,
};
