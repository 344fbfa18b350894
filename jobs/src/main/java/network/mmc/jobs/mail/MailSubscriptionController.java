package network.mmc.jobs.mail;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriUtils;

/**
 * Digest subscriptions: asked for with the wallet's signature, confirmed and cancelled with the links of the mails
 * (the unsubscribe link takes the RFC 8058 one-click POST; opened in a browser it shows a button that posts it).
 */
@RestController
@ConditionalOnMail
class MailSubscriptionController {

    private final MailSubscriptions subscriptions;

    MailSubscriptionController(MailSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    record SubscribeRequest(String email, String cadence, Instant signedAt, String signature) {
    }

    @PostMapping("/api/rewards/{wallet}/mail-subscriptions")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Subscription subscribe(@PathVariable String wallet, @RequestBody SubscribeRequest request) {
        return subscriptions.subscribe(wallet, request.email(), request.cadence(), request.signedAt(),
                request.signature());
    }

    @GetMapping("/api/mail/confirm")
    Subscription confirm(@RequestParam String token) {
        return subscriptions.confirm(token);
    }

    /**
     * The unsubscribe link opened in a browser: a page whose button posts the unsubscription. A GET changes nothing,
     * because mail scanners open every link of a message they check.
     */
    @GetMapping(path = "/api/mail/unsubscribe", produces = MediaType.TEXT_HTML_VALUE)
    String unsubscribePage(@RequestParam String token) {
        String action = HtmlUtils.htmlEscape("unsubscribe?token=" + UriUtils.encodeQueryParam(token, StandardCharsets.UTF_8));
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>MMC Hub digest</title></head><body>"
                + "<form method=\"post\" action=\"" + action + "\"><p>Stop the MMC Hub reward digest to this address?</p>"
                + "<button type=\"submit\">Unsubscribe</button></form></body></html>";
    }

    /** The button of that page, and a mail client's RFC 8058 one-click unsubscription. */
    @PostMapping("/api/mail/unsubscribe")
    Subscription unsubscribe(@RequestParam String token) {
        return subscriptions.unsubscribe(token);
    }
}
