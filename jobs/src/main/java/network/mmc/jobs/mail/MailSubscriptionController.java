package network.mmc.jobs.mail;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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

    @Operation(summary = "Subscribe an address to the wallet's reward digest", description = "Signed by the wallet over"
            + " `MMC-MAIL-SUBSCRIBE / hub:<id> / wallet:<base58> / email:<address> / cadence:<WINDOW|DAILY> /"
            + " time:<signedAt>`; the address gets a confirmation mail (double opt-in). Only with mail configured.")
    @ApiResponse(responseCode = "202", description = "PENDING until the confirmation link is opened")
    @ApiResponse(responseCode = "409", description = "Not signed later than the wallet's last subscription request (a"
            + " replay)")
    @PostMapping("/api/rewards/{wallet}/mail-subscriptions")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Subscription subscribe(@PathVariable String wallet, @RequestBody SubscribeRequest request) {
        return subscriptions.subscribe(wallet, request.email(), request.cadence(), request.signedAt(),
                request.signature());
    }

    @Operation(summary = "Confirm a subscription (the link of the confirmation mail)")
    @ApiResponse(responseCode = "200", description = "The subscription, CONFIRMED")
    @ApiResponse(responseCode = "404", description = "The link is unknown or was already used")
    @GetMapping("/api/mail/confirm")
    Subscription confirm(@RequestParam String token) {
        return subscriptions.confirm(token);
    }

    /**
     * The unsubscribe link opened in a browser: a page whose button posts the unsubscription. A GET changes nothing,
     * because mail scanners open every link of a message they check.
     */
    @Operation(summary = "The unsubscribe link opened in a browser: a page whose button posts the unsubscription",
            description = "Changes nothing by itself: mail scanners open every link.")
    @GetMapping(path = "/api/mail/unsubscribe", produces = MediaType.TEXT_HTML_VALUE)
    String unsubscribePage(@RequestParam String token) {
        String action = HtmlUtils.htmlEscape("unsubscribe?token=" + UriUtils.encodeQueryParam(token, StandardCharsets.UTF_8));
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>MMC Hub digest</title></head><body>"
                + "<form method=\"post\" action=\"" + action + "\"><p>Stop the MMC Hub reward digest to this address?</p>"
                + "<button type=\"submit\">Unsubscribe</button></form></body></html>";
    }

    /** The button of that page, and a mail client's RFC 8058 one-click unsubscription. */
    @Operation(summary = "Unsubscribe (that page's button, or a mail client's RFC 8058 one-click POST)")
    @ApiResponse(responseCode = "200", description = "The subscription, UNSUBSCRIBED")
    @ApiResponse(responseCode = "404", description = "The link is unknown")
    @PostMapping("/api/mail/unsubscribe")
    Subscription unsubscribe(@RequestParam String token) {
        return subscriptions.unsubscribe(token);
    }
}
