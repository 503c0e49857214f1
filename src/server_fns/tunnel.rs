//! The tunnel's view for a URL state.

use leptos::prelude::*;

use crate::{
    domain::tunnel::{TunnelQuery, TunnelView},
    error::AppError,
};

/// Returns what the tunnel shows for `query` (dates of a week, or the fallback).
#[server(prefix = "/api/fn", endpoint = "tunnel")]
pub async fn get_tunnel(query: TunnelQuery) -> Result<TunnelView, AppError> {
    let state = use_context::<crate::server::state::AppState>().ok_or(AppError::Internal)?;
    crate::server::tunnel::view(&state, query).await
}
