package network.mmc.jobs.mail;

import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Digest subscriptions: asked for with the wallet's signature, confirmed and cancelled with the links of the mails
 * (the unsubscribe link also takes the RFC 8058 one-click POST).
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

    @RequestMapping(path = "/api/mail/unsubscribe", method = {RequestMethod.GET, RequestMethod.POST})
    Subscription unsubscribe(@RequestParam String token) {
        return subscriptions.unsubscribe(token);
    }
}
