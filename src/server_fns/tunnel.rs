//! The tunnel's view for a URL state.

use leptos::prelude::*;

use crate::{
    domain::{url::TunnelQuery, view::TunnelView},
    error::AppError,
};

/// Returns what the tunnel shows for `query` (dates of a week, or the proposal form).
#[server(prefix = "/api/fn", endpoint = "tunnel")]
pub async fn get_tunnel(query: TunnelQuery) -> Result<TunnelView, AppError> {
    use crate::server::{tunnel::form_reply, tunnel::steps};
    steps::view(&form_reply::state()?, &form_reply::visit(), query).await
}
