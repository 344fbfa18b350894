package network.mmc.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import network.mmc.ledger.ClaimRefusedException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClaimRulesTests {

    @Test
    void theClaimMessageIsTheTextOfSettlementSection9() {
        assertThat(ClaimMessage.of("hub-a", "Wallet1", 3, 1_500_000_000L))
                .isEqualTo("MMC-CLAIM\nhub:hub-a\nwallet:Wallet1\nversion:3\ncumulative:1500000000");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "0|1|version must be a positive distribution version, got 0",
            "null|1|version must be a positive distribution version, got null",
            "1|0|cumulative must be a positive number of base units, got 0",
            "1|-7|cumulative must be a positive number of base units, got -7",
            "1|null|cumulative must be a positive number of base units, got null"})
    void aVersionOrCumulativeThatIsNotPositiveIsMalformed(Long version, Long cumulative, String message) {
        assertThatThrownBy(() -> ClaimRules.checkShape(version, cumulative)).hasMessage(message)
                .extracting("reason").isEqualTo(Reason.MALFORMED);
    }

    @Test
    void onlyAConfirmedVersionCanBeClaimedFrom() {
        assertThatCode(() -> ClaimRules.checkConfirmed(2, "CONFIRMED")).doesNotThrowAnyException();
        assertThatThrownBy(() -> ClaimRules.checkConfirmed(2, "PENDING")).hasMessageStartingWith(
                "distribution v2 is PENDING, not CONFIRMED").extracting("reason").isEqualTo(Reason.NOT_CONFIRMED);
        assertThatThrownBy(() -> ClaimRules.checkConfirmed(9, null)).hasMessage("there is no distribution v9")
                .extracting("reason").isEqualTo(Reason.UNKNOWN_VERSION);
    }

    @Test
    void aWalletWithoutALeafOrAProofThatDoesNotVerifyIsRefused() {
        assertThatThrownBy(() -> ClaimRules.checkLeaf("W", 2, 10, null, false))
                .hasMessage("wallet W has no leaf in distribution v2").extracting("reason").isEqualTo(Reason.NOT_IN_VERSION);
        assertThatThrownBy(() -> ClaimRules.checkLeaf("W", 2, 11, 10L, false))
                .hasMessage("the Merkle proof of wallet W with cumulative 11 does not verify against the root of"
                        + " distribution v2 (its leaf there has cumulative 10)")
                .extracting("reason").isEqualTo(Reason.PROOF_INVALID);
        assertThatCode(() -> ClaimRules.checkLeaf("W", 2, 10, 10L, true)).doesNotThrowAnyException();
    }

    @Test
    void aClaimPaysTheCumulativeAmountLessWhatWasClaimedAndNothingOnceThatIsPaid() {
        assertThat(ClaimRules.payable("W", 1, 1_000, 0)).isEqualTo(1_000);
        assertThat(ClaimRules.payable("W", 2, 1_500, 1_000)).isEqualTo(500);
        assertThatThrownBy(() -> ClaimRules.payable("W", 2, 1_500, 1_500))
                .hasMessage("nothing new to claim: wallet W has claimed 1500 base units, and its cumulative amount in"
                        + " distribution v2 is 1500")
                .extracting("reason").isEqualTo(Reason.NOTHING_TO_CLAIM);
        assertThatThrownBy(() -> ClaimRules.payable("W", 1, 1_000, 1_500)).as("an old version after a newer claim")
                .extracting("reason").isEqualTo(Reason.NOTHING_TO_CLAIM);
    }
}
