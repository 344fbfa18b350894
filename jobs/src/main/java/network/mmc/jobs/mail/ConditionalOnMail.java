package network.mmc.jobs.mail;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Mail exists only with an SMTP server ({@code spring.mail.host}): without one nothing is written to the outbox,
 * nothing is sent, and the Hub settles as it does without mail.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ConditionalOnProperty(prefix = "spring.mail", name = "host")
@interface ConditionalOnMail {
}
