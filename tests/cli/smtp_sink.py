"""smtp_sink.py DIR PORTFILE - an SMTP server on 127.0.0.1 (aiosmtpd) that
saves each message it receives as DIR/N.eml, with its envelope recipients
in DIR/N.rcpt; it picks a free port and writes it to PORTFILE once it
listens, and runs until killed. For tests/cli/mail.sh."""
import os
import socket
import sys
import time

from aiosmtpd.controller import Controller


class Save:
    def __init__(self, folder):
        self.folder = folder
        self.n = 0

    async def handle_DATA(self, server, session, envelope):
        self.n += 1
        base = os.path.join(self.folder, str(self.n))
        with open(base + '.rcpt', 'w') as f:
            f.write('\n'.join(envelope.rcpt_tos) + '\n')
        with open(base + '.tmp', 'wb') as f:
            f.write(envelope.original_content)
        os.rename(base + '.tmp', base + '.eml')
        return '250 OK'


def free_port():
    s = socket.socket()
    s.bind(('127.0.0.1', 0))
    port = s.getsockname()[1]
    s.close()
    return port


folder, portfile = sys.argv[1], sys.argv[2]
port = free_port()
ctl = Controller(Save(folder), hostname='127.0.0.1', port=port)
ctl.start()     # returns once the server accepts connections
with open(portfile + '.tmp', 'w') as f:
    f.write(str(port))
os.rename(portfile + '.tmp', portfile)
while True:
    time.sleep(3600)
