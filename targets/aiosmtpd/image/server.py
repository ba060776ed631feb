"""aiosmtpd as a submission server on 587 and 465, set up as aiosmtpd 1.4's documentation shows.

587: SMTP with STARTTLS (``tls_context``), ``require_starttls=True`` so that only EHLO, NOOP,
STARTTLS and QUIT work before TLS. 465: the controller's ``ssl_context``, which the documentation
says "will switch the protocol to SMTPS mode, implying unconditional encryption of the connection".
Both: ``auth_required=True`` and ``auth_require_tls=True`` (its default), with an ``authenticator``
that accepts one user and password (PLAIN and LOGIN are aiosmtpd's built-in mechanisms). Accepted
messages are discarded: the handler only answers 250.

Arguments: user file, password file, certificate, key (all read once, at start, as root).
"""

import signal
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def first_line(path: str) -> bytes:
    with open(path, "rb") as f:
        return f.read().split(b"\n", 1)[0].rstrip(b"\r")


USER = first_line(sys.argv[1])
PASSWORD = first_line(sys.argv[2])


class Authenticator:
    """aiosmtpd's Authenticator callback (docs/auth.rst): PLAIN and LOGIN hand it a LoginPassword."""

    def __call__(self, server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login == USER and auth_data.password == PASSWORD
        # handled=False: aiosmtpd then answers a failure itself (535), as its example
        # authenticated_relayer does; AuthResult's default handled=True means "the authenticator
        # already replied", and the client would wait for a reply forever.
        return AuthResult(success=True) if ok else AuthResult(success=False, handled=False)


class DiscardHandler:
    async def handle_DATA(self, server, session, envelope):
        return "250 Message accepted for delivery"


def server_context() -> ssl.SSLContext:
    # As the documentation's TLS section: create_default_context(Purpose.CLIENT_AUTH), then load_cert_chain.
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(sys.argv[3], sys.argv[4])
    return context


COMMON = dict(
    server_hostname="mail.example.test",
    auth_required=True,
    auth_require_tls=True,
    authenticator=Authenticator(),
)

starttls = Controller(DiscardHandler(), hostname="0.0.0.0", port=587, tls_context=server_context(), require_starttls=True, **COMMON)
implicit = Controller(DiscardHandler(), hostname="0.0.0.0", port=465, ssl_context=server_context(), **COMMON)
starttls.start()
implicit.start()
print("msaspec: listening on 587 and 465", flush=True)

stop = threading.Event()
signal.signal(signal.SIGTERM, lambda *_: stop.set())
signal.signal(signal.SIGINT, lambda *_: stop.set())
stop.wait()
implicit.stop()
starttls.stop()
