//! Server functions: thin adapters from the wire to the server's services.

pub mod tunnel;
pub mod forms;
