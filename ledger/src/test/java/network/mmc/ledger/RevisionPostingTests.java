package network.mmc.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import network.mmc.settlement.NodeSettlement;
import org.junit.jupiter.api.Test;

class RevisionPostingTests {

    private static NodeSettlement node(String id, String owner, long reward) {
        return new NodeSettlement(id, owner, 10, 10, 100, 0, 0.9, 100, 1, owner != null, 1, BigDecimal.ONE, reward);
    }

    @Test
    void aWalletIsPaidTheSumOfItsNodesAndNodesWithoutOwnerOrRewardPayNoOne() {
        assertThat(RevisionPosting.rewardsByWallet(List.of(node("n1", "alice", 300), node("n2", "alice", 200),
                node("n3", null, 0), node("n4", "bob", 0), node("n5", "carol", 7))))
                .containsExactly(Map.entry("alice", 500L), Map.entry("carol", 7L));
    }

    @Test
    void revisionOneAccruesEachPaidWallet() {
        assertThat(RevisionPosting.entries(1, Map.of("bob", 300L, "alice", 700L), Map.of())).containsExactly(
                new LedgerEntry("alice", EntryType.ACCRUAL, 700), new LedgerEntry("bob", EntryType.ACCRUAL, 300));
    }

    @Test
    void aRerunCorrectsEachWalletByTheDifferenceUpOrDownAndLeavesUnchangedWalletsAlone() {
        List<LedgerEntry> entries = RevisionPosting.entries(3, Map.of("alice", 650L, "bob", 300L, "dave", 50L),
                Map.of("alice", 700L, "bob", 300L, "carol", 20L));

        assertThat(entries).containsExactly(new LedgerEntry("alice", EntryType.CORRECTION, -50),
                new LedgerEntry("carol", EntryType.CORRECTION, -20), new LedgerEntry("dave", EntryType.CORRECTION, 50));
    }

    @Test
    void aRerunThatChangesNothingPostsNothing() {
        assertThat(RevisionPosting.entries(2, Map.of("alice", 700L), Map.of("alice", 700L))).isEmpty();
    }

    @Test
    void revisionOneOfAWindowWithLinesAlreadyPostedIsRefused() {
        assertThatThrownBy(() -> RevisionPosting.entries(1, Map.of("alice", 1L), Map.of("alice", 1L)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already posted");
        assertThatThrownBy(() -> RevisionPosting.entries(0, Map.of(), Map.of()))
                .hasMessage("revision must be 1 or more, got 0");
    }

    @Test
    void aDifferenceBeyondLongIsRefusedNotWrapped() {
        assertThatThrownBy(() -> RevisionPosting.entries(2, Map.of("alice", Long.MAX_VALUE), Map.of("alice", -1L)))
                .isInstanceOf(ArithmeticException.class);
    }
}
