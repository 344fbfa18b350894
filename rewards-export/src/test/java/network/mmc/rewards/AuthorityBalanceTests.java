package network.mmc.rewards;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthorityBalanceTests {

    private static final String AUTHORITY = "9jwfMLNfTr7rDHC1eeNevzK6rt9k1Rh3oo9m9fVYGH8R";
    private static final String RPC = "http://127.0.0.1:8899";

    @Test
    void aBalanceBelowOneFeeCannotPayAndSaysHowToFundTheAuthority() {
        AuthorityBalance empty = new AuthorityBalance(AUTHORITY, 0, RPC);
        AuthorityBalance almost = new AuthorityBalance(AUTHORITY, AuthorityBalance.FEE_LAMPORTS - 1, RPC);

        assertThat(empty.paysAFee()).isFalse();
        assertThat(almost.paysAFee()).isFalse();
        assertThat(empty.shortfall()).isEqualTo("authority " + AUTHORITY + " holds 0 SOL on " + RPC + ", less than the"
                + " 5000 lamports of a transaction fee; fund it: `solana airdrop 1 " + AUTHORITY + " --url " + RPC
                + "` on a local validator or devnet, a SOL transfer to it on mainnet");
        assertThat(almost.sol()).isEqualTo("0.000004999");
    }

    @Test
    void oneFeeIsEnough() {
        assertThat(new AuthorityBalance(AUTHORITY, AuthorityBalance.FEE_LAMPORTS, RPC).paysAFee()).isTrue();
        assertThat(new AuthorityBalance(AUTHORITY, 1_500_000_000L, RPC).sol()).isEqualTo("1.5");
    }
}
