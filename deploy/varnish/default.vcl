vcl 4.1;
# Varnish in front of Gazette (directly, or of HAProxy and its replicas; see README "Deploying").
# Gazette's Cache-Control max-age decides how long Varnish keeps a feed; Varnish answers pollers'
# If-None-Match and If-Modified-Since itself while it is fresh, then revalidates with the same validators
# (a 304 from Gazette refreshes it), so an edit reaches every poller within max-age plus Gazette's reload.
#
# Change the backend to where Gazette (or HAProxy) listens; the replica test writes its own ports here.
backend gazette {
    .host = "127.0.0.1";
    .port = "8000";
}

sub vcl_recv {
    # Only GET and HEAD exist; /metrics and /stats are the operator's, never cached or shared.
    if (req.url ~ "^/(metrics|stats)(\?|$)") {
        return (pass);
    }
}

sub vcl_backend_response {
    # No stale answers: a poller must not be told "not modified" past max-age. Keep the validators
    # an hour after expiry, so that Varnish revalidates with a conditional request instead of a full fetch.
    set beresp.grace = 0s;
    set beresp.keep = 1h;
}
