"""Building and sending the mails of following (README, "Following by e-mail").

Every mail is multipart: plain text and HTML made from the same context
(templates/following/email/<name>.txt and .html). The HTML has no images, no remote
stylesheets and no tracking: one column, system fonts, readable at 320 px. Every link starts
with settings.SITE_URL (as in initiatives/signup_mail.py), and every mail carries
List-Unsubscribe with the https address that ends it, and List-Unsubscribe-Post (RFC 8058):
a mail program may POST there without cookies or a form token (views.UnsubscribeView).

`deliver` sends many messages over one connection and reports which recipients the mail server
refused for good (a 5xx answer to RCPT TO): the caller deletes those. Nothing here logs an
address; the callers log counts."""

import datetime
import functools
import smtplib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe

from zuidwest.tasks import PartlyDone


def absolute(path):
    return f"{settings.SITE_URL}{path}"


def content_url(language):
    """SITE_URL with the reader's language prefix: the subjects' paths are made in Dutch (no
    prefix, i18n_patterns), and an English reader's links lead to /en/."""
    if language == settings.LANGUAGE_CODE:
        return settings.SITE_URL
    return f"{settings.SITE_URL}/{language}"


def unsubscribe_url(token):
    return absolute(reverse("following:unsubscribe", kwargs={"token": token}))


def manage_url(token):
    return absolute(reverse("following:manage", kwargs={"token": token}))


def _render(template, context, language, token):
    with translation.override(language):
        context = {**context, "site_url": settings.SITE_URL,
                   "content_url": content_url(language),
                   "unsubscribe_url": unsubscribe_url(token) if token else SLOT_UNSUBSCRIBE}
        subject = "".join(render_to_string(f"following/email/{template}_subject.txt",
                                           context).splitlines()).strip()
        text = render_to_string(f"following/email/{template}.txt", context)
        html = render_to_string(f"following/email/{template}.html", context)
    return subject, text, html


def _message(subject, text, html, to, token, language):
    with translation.override(language):
        unsubscribe = unsubscribe_url(token)
    message = EmailMultiAlternatives(subject, text, None, [to], headers={
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        # Bulk mail: no out-of-office replies to it (RFC 3834).
        "Auto-Submitted": "auto-generated",
    })
    message.attach_alternative(html, "text/html")
    return message


def build(template, context, to, *, token, language):
    """The message `template` to `to`, in `language`. `token` is the follower's (or, before
    confirmation, the request's): the unsubscribe link ends that."""
    return _message(*_render(template, context, language, token), to, token, language)


# A digest is the same mail around each reader's blocks and links: rendered once per language
# with these words in their place, then filled in (plain words: escaping leaves them alone).
SLOT_BLOCKS = "zwslotblocks"
SLOT_MANAGE = "zwslotmanage"
SLOT_UNSUBSCRIBE = "zwslotunsubscribe"


@functools.lru_cache(maxsize=16)
def _digest_frame(language, site_url):
    return _render("digest", {"blocks_text": SLOT_BLOCKS, "blocks_html": SLOT_BLOCKS,
                              "manage_url": SLOT_MANAGE}, language, None)


def build_digest(follower, blocks):
    """The digest to `follower` with its rendered blocks (render_blocks)."""
    subject, text, html = _digest_frame(follower.language, settings.SITE_URL)
    with translation.override(follower.language):
        links = {SLOT_MANAGE: manage_url(follower.token),
                 SLOT_UNSUBSCRIBE: unsubscribe_url(follower.token)}

    def fill(part, blocks_part):
        for slot, link in links.items():
            part = part.replace(slot, link)
        return part.replace(SLOT_BLOCKS, blocks_part)

    return _message(subject, fill(text, "".join(text for text, _html in blocks)),
                    fill(html, "".join(html for _text, html in blocks)), follower.email,
                    follower.token, follower.language)


def _frozen(block):
    """A digest block as a hashable value: what its rendering depends on."""
    return (str(block.described.title), block.described.path, tuple(
        (str(section), tuple((str(item.title), item.path, item.when, item.where)
                             for item in items))
        for section, items in block.sections.items()))


@functools.lru_cache(maxsize=4096)
def _render_block(frozen, language, base_url):
    title, path, sections = frozen
    with translation.override(language):
        context = {"title": title, "path": path, "content_url": base_url,
                   "sections": [(section, [
                       {"title": item_title, "path": item_path, "when": when, "where": where,
                        "has_time": isinstance(when, datetime.datetime)}
                       for item_title, item_path, when, where in items])
                       for section, items in sections]}
        return (render_to_string("following/email/_block.txt", context),
                mark_safe(render_to_string("following/email/_block.html", context)))  # noqa: S308


def render_blocks(blocks, language):
    """The text and HTML of each block of a digest. A subject's block is the same for all its
    followers with the same news, so each is rendered once per worker process and language
    (the key is the block's whole content: new content is a new key)."""
    base_url = content_url(language)
    return [_render_block(_frozen(block), language, base_url) for block in blocks]


class TemporaryFailure(PartlyDone):
    """The mail server refused some recipients for now (4xx), or the connection broke; the
    task tries again later, with the arguments given here (only what was not sent)."""


@dataclass
class Outcome:
    sent: list = field(default_factory=list)
    refused: list = field(default_factory=list)  # permanently: delete these
    deferred: list = field(default_factory=list)  # for now: try again later


def _permanent(error):
    codes = [code for code, _message in error.recipients.values()]
    return bool(codes) and all(500 <= code < 600 for code in codes)


def deliver(messages):
    """Send (ident, message) pairs over one connection; returns an Outcome of idents."""
    outcome = Outcome()
    messages = list(messages)
    if not messages:
        return outcome
    with mailers.default as connection:
        for number, (ident, message) in enumerate(messages):
            try:
                connection.send_messages([message])
            except smtplib.SMTPRecipientsRefused as error:
                (outcome.refused if _permanent(error) else outcome.deferred).append(ident)
            except smtplib.SMTPResponseException:
                # A refusal of the mail's data says nothing about the address: try again
                # later, as for a 4xx; the task's retries give up in the end.
                outcome.deferred.append(ident)
            except (smtplib.SMTPServerDisconnected, OSError):
                # The connection is gone: this mail and the rest wait for the next try.
                outcome.deferred.extend(ident for ident, _message in messages[number:])
                break
            else:
                outcome.sent.append(ident)
    return outcome
