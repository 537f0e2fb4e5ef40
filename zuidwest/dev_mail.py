"""Mail in development (`make run` without EMAIL_HOST): each mail printed as a person reads it.

Django's console backend prints the raw message, with the text quoted-printable: long lines
broken with "=" and "=3D" in every link, so a confirmation or deletion link copied from the
terminal does not work. This backend prints the headers that matter and each text part
decoded, links whole; attachments by name and type only.
"""

from django.core.mail.backends.console import EmailBackend

HEADERS = ("From", "To", "Cc", "Reply-To", "Subject", "Date")


class ReadableConsoleBackend(EmailBackend):
    def write_message(self, message):
        mail = message.message()
        lines = [f"{name}: {mail[name]}" for name in HEADERS if mail[name]]
        for part in mail.walk():
            if part.is_multipart():
                continue
            kind = part.get_content_type()
            if kind.startswith("text/") and part.get_filename() is None:
                charset = part.get_content_charset() or "utf-8"
                text = part.get_payload(decode=True).decode(charset, errors="replace")
                lines += ["", f"[{kind}]", text.rstrip("\n")]
            else:
                lines += ["", f"[{kind} attachment: {part.get_filename() or 'unnamed'}]"]
        self.stream.write("\n".join(lines) + "\n" + "-" * 79 + "\n")
