#!/usr/bin/python3
"""A real SMTP server on loopback for the alerting tests: Debian's aiosmtpd.

Every accepted message is written to MAILDIR/NNNN.json as
{"mail_from", "rcpt_tos", "data", "tls", "authenticated", "auth_user"} (written to a temporary
name, then renamed, so a reader never sees half a file). The port, chosen by
the OS, is written to --port-file once the server answers. Runs until SIGTERM.

  --tls-cert/--tls-key     offer STARTTLS and refuse mail before it
  --auth-user/--auth-pass  require AUTH (PLAIN or LOGIN) with these credentials
"""
import argparse
import json
import os
import signal
import socket
import ssl
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Recorder:
    def __init__(self, maildir):
        self.maildir = maildir
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            name = os.path.join(self.maildir, "%04d.json" % self.count)
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "data": envelope.content.decode("utf-8", "replace"),
            "tls": session.ssl is not None,
            "authenticated": bool(session.authenticated),
            "auth_user": session.auth_data if isinstance(session.auth_data, str) else None,
        }
        with open(name + ".tmp", "w") as out:
            json.dump(record, out)
        os.rename(name + ".tmp", name)
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--auth-user")
    parser.add_argument("--auth-pass")
    args = parser.parse_args()

    kwargs = {}
    if args.tls_cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.tls_cert, args.tls_key)
        kwargs.update(tls_context=context, require_starttls=True)
    if args.auth_user:
        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = (isinstance(auth_data, LoginPassword)
                  and auth_data.login.decode() == args.auth_user
                  and auth_data.password.decode() == args.auth_pass)
            return AuthResult(success=ok, auth_data=auth_data.login.decode() if ok else None)
        kwargs.update(authenticator=authenticator, auth_required=True,
                      auth_require_tls=bool(args.tls_cert))

    controller = Controller(Recorder(args.maildir), hostname="127.0.0.1", port=free_port(),
                            **kwargs)
    controller.start()
    with open(args.port_file + ".tmp", "w") as out:
        out.write(str(controller.port))
    os.rename(args.port_file + ".tmp", args.port_file)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
