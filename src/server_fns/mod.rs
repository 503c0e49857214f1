//! Server functions: thin adapters from the wire to the server's services.

pub mod forms;
pub mod tunnel;
