package network.mmc.jobs.staking;

import java.util.regex.Pattern;

/**
 * The memo that names the node a transfer into the stake vault stakes for (SETTLEMENT.md §9):
 * {@code MMC-STAKE node:<node id>}, exactly, nothing before or after it. The vault's address is the Hub's own, so the
 * memo needs no hub id.
 */
final class StakeMemo {

    static final String PREFIX = "MMC-STAKE node:";
    // a node id is the base58 text of its key (the simulator's too); the column holds 64 characters
    private static final Pattern NODE_ID = Pattern.compile("[1-9A-HJ-NP-Za-km-z]{1,64}");

    private StakeMemo() {
    }

    static String of(String nodeId) {
        if (nodeId == null || !NODE_ID.matcher(nodeId).matches()) {
            throw new IllegalArgumentException("node id '" + nodeId + "' is not base58 text of 1 to 64 characters");
        }
        return PREFIX + nodeId;
    }

    /** The node id the memo names; throws naming the problem when the text is not exactly a stake memo. */
    static String nodeOf(String memo) {
        if (memo == null) {
            throw new IllegalArgumentException("the memo is not UTF-8 text");
        }
        if (!memo.startsWith(PREFIX) || !NODE_ID.matcher(memo.substring(PREFIX.length())).matches()) {
            throw new IllegalArgumentException("the memo '" + shown(memo) + "' is not '" + PREFIX + "<node id>'");
        }
        return memo.substring(PREFIX.length());
    }

    /** The memo as the Hub shows and stores it: at most 100 characters, control characters as '?'. */
    static String shown(String memo) {
        String printable = memo.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() > 100 ? printable.substring(0, 100) + "…" : printable;
    }
}
