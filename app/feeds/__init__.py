"""Feed subscriptions: polling outlets' feeds into the inbox, and re-fetching articles that change."""
