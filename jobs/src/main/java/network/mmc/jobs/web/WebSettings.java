package network.mmc.jobs.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * @param maxBodySize      the largest request body of every endpoint but {@code POST /api/calls}
 *                         ({@code mmc.web.max-body-size})
 * @param maxCallsBodySize the largest body of {@code POST /api/calls}, a batch of call records
 * @param maxTasksBodySize the largest body of {@code POST /api/tasks}, a task with its operands
 * @param publicUrl        where people reach this Hub ({@code https://hub.example.net}): the base of the links in
 *                         mails (confirm, unsubscribe)
 */
@ConfigurationProperties("mmc.web")
public record WebSettings(DataSize maxBodySize, DataSize maxCallsBodySize, DataSize maxTasksBodySize,
                          String publicUrl) {
}
