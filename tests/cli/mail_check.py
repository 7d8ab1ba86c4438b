"""mail_check.py FILE.eml OUT.pdf - print the subject (decoded), the To
header and the text body of a saved message, and write its PDF
attachment to OUT.pdf; exits 1 when there is no PDF attached."""
import email
import sys
from email import policy

msg = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=policy.default)
print('subject:', msg['subject'])
print('to:', msg['to'])
body = msg.get_body(preferencelist=('plain',))
print('body:', body.get_content().replace('\n', ' ') if body else '')
found = False
for part in msg.iter_attachments():
    if part.get_content_type() == 'application/pdf':
        open(sys.argv[2], 'wb').write(part.get_content())
        print('attachment:', part.get_filename())
        found = True
sys.exit(0 if found else 1)
