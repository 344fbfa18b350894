package network.mmc.jobs.mail;

import java.time.Instant;
import java.util.List;
import network.mmc.settlement.DecimalText;
import network.mmc.settlement.MmcText;
import network.mmc.settlement.TimeText;

/** An owner's digest: its nodes' calls, quality and rewards over the period, and what it may withdraw now. */
final class DigestMail {

    /** One node in one settled window. */
    record Line(Instant windowStart, String nodeId, long calls, long ok, double quality, long reward) {
    }

    private DigestMail() {
    }

    static String subject(String hubId, Instant from, Instant to, long rewards) {
        return "[" + hubId + "] your MMC rewards " + TimeText.format(from) + " to " + TimeText.format(to) + ": "
                + MmcText.format(rewards) + " MMC";
    }

    static MailBody body(String wallet, Instant from, Instant to, List<Line> lines, long withdrawable,
                         String unsubscribeUrl) {
        long rewards = lines.stream().mapToLong(Line::reward).sum();
        return new MailBody()
                .paragraph("Rewards of wallet " + wallet + " for " + TimeText.format(from) + " to " + TimeText.format(to)
                        + ".")
                .table(List.of("Window", "Node", "Calls", "Succeeded", "Quality", "Reward (MMC)"), lines.stream()
                        .map(line -> List.of(TimeText.format(line.windowStart()), line.nodeId(),
                                Long.toString(line.calls()), Long.toString(line.ok()), DecimalText.of(line.quality()),
                                MmcText.format(line.reward())))
                        .toList())
                .fields(List.of(new String[]{"Rewards in this period (MMC)", MmcText.format(rewards)},
                        new String[]{"Withdrawable now (MMC)", MmcText.format(withdrawable)}))
                .link("Unsubscribe", unsubscribeUrl);
    }
}
