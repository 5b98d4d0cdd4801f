//! The caller's deadline as both runners write it: the awaited future races a timer set before it.

use std::future::Future;
use std::pin::pin;

use futures::future::{select, Either};

/// `waiting`'s output, unless `deadline` passes first: then `waiting` is dropped, cancelling what it
/// holds, before this returns `None`. `waiting` is polled first, so it wins a tie, as
/// `tokio::time::timeout` polls the future it wraps before its deadline.
pub async fn within<T>(
    waiting: impl Future<Output = T>,
    deadline: Option<impl Future>,
) -> Option<T> {
    let waiting = pin!(waiting);
    let Some(deadline) = deadline else {
        return Some(waiting.await);
    };
    match select(waiting, pin!(deadline)).await {
        Either::Left((output, _)) => Some(output),
        Either::Right(_) => None,
    }
}
