//! The context of one request, built once where it arrives (a server function or a handler)
//! and handed down to the services: the words to answer in (the visit's language), and who
//! asks (the client behind trusted proxies, as the limits counted it). Nothing deeper looks
//! the request up again.

use std::net::IpAddr;

use crate::domain::lang::{Lang, Words};

/// One request's context.
#[derive(Clone)]
pub struct Visit {
    /// The visit's words (its language, chosen or from the browser).
    pub words: Words,
    /// The client (`None` only in routers built without connection info).
    pub client: Option<IpAddr>,
}

impl Visit {
    /// The language a link carries along the visit (`lang=`), when the visitor chose one.
    pub fn carried(&self) -> Option<Lang> {
        self.words.carried()
    }

    /// The words of `id` in the visit's language.
    pub fn say(&self, id: &str) -> String {
        self.words.say(id)
    }
}
