"""The Content-Security-Policy of the published site, defined once: nginx sends it as a header
(deploy/nginx.conf, which a test keeps equal) and every page carries it in a <meta> element
for hosts that cannot set headers.

Nothing on the site runs from another host or from inline code: Material's two inline
scripts are files here (overrides/partials/javascripts/), our code is in
docs/assets/javascripts/, and the search runs in a worker from the same origin. So an
injected <script> or onerror="…" is refused by the browser.
"""

from __future__ import annotations

POLICY: dict[str, str] = {
    "default-src": "'self'",
    "script-src": "'self'",
    # Material sets no style attribute in its markup and loads no inline <style> with
    # our configuration (no admonition icons): none is allowed.
    "style-src": "'self'",
    # Material's icons and the code-copy button use SVG data: URIs in its stylesheet.
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "worker-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'self'",
}
# A policy in <meta http-equiv> cannot carry these (browsers ignore them there, and say so):
# only the header protects against framing.
NOT_IN_META = ("frame-ancestors", "report-uri", "report-to", "sandbox")
REFERRER_POLICY = "strict-origin-when-cross-origin"


def header() -> str:
    """The Content-Security-Policy header's value."""
    return "; ".join(f"{name} {value}" for name, value in POLICY.items())


def meta() -> str:
    """The same policy for <meta http-equiv="Content-Security-Policy">."""
    return "; ".join(f"{name} {value}" for name, value in POLICY.items() if name not in NOT_IN_META)
