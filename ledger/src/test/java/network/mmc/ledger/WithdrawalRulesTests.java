package network.mmc.ledger;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import network.mmc.ledger.WithdrawalRefusedException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WithdrawalRulesTests {

    private static WalletAccount account(long lastNonce, long settled, long requested) {
        return new WalletAccount("alice", true, lastNonce, new Balance(settled, requested));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "0|1|amount must be a positive number of base units, got 0",
            "-5|1|amount must be a positive number of base units, got -5",
            "null|1|amount must be a positive number of base units, got null",
            "1|0|nonce must be a positive integer, got 0",
            "1|null|nonce must be a positive integer, got null"})
    void anAmountOrNonceThatIsNotPositiveIsMalformed(Long amount, Long nonce, String message) {
        assertThatThrownBy(() -> WithdrawalRules.checkShape(amount, nonce))
                .isInstanceOf(WithdrawalRefusedException.class).hasMessage(message)
                .extracting("reason").isEqualTo(Reason.MALFORMED);
    }

    @Test
    void exactlyTheWithdrawableAmountIsAcceptedAndOneUnitMoreIsNot() {
        assertThatCode(() -> WithdrawalRules.check(account(0, 1_000, 400), 600, 1)).doesNotThrowAnyException();
        assertThatThrownBy(() -> WithdrawalRules.check(account(0, 1_000, 400), 601, 1))
                .hasMessage("amount 601 exceeds the withdrawable balance 600 of wallet alice")
                .extracting("reason").isEqualTo(Reason.OVER_BALANCE);
    }

    @Test
    void aNonceMayJumpAheadButNeverRepeatOrGoBack() {
        assertThatCode(() -> WithdrawalRules.check(account(3, 1_000, 0), 1, 1_000_000)).doesNotThrowAnyException();
        for (long nonce : new long[] {3, 2}) {
            assertThatThrownBy(() -> WithdrawalRules.check(account(3, 1_000, 0), 1, nonce))
                    .hasMessage("nonce " + nonce + " is not greater than the wallet's last nonce 3 (a replayed or"
                            + " out-of-order request)")
                    .extracting("reason").isEqualTo(Reason.STALE_NONCE);
        }
    }

    @Test
    void afterACorrectionBelowWhatWasRequestedNothingMayBeRequested() {
        // settled 1 000 then corrected down to 300 while 400 was already requested: withdrawable is -100
        assertThatThrownBy(() -> WithdrawalRules.check(account(1, 300, 400), 1, 2))
                .hasMessage("amount 1 exceeds the withdrawable balance -100 of wallet alice");
    }

    @Test
    void aWalletNeverSettledToIsUnknown() {
        assertThatThrownBy(() -> WithdrawalRules.check(new WalletAccount("zed", false, 0, new Balance(0, 0)), 1, 1))
                .hasMessage("wallet zed has no settled rewards")
                .extracting("reason").isEqualTo(Reason.UNKNOWN_WALLET);
    }
}
