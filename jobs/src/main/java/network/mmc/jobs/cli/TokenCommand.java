package network.mmc.jobs.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import network.mmc.jobs.crypto.SolanaAddress;
import network.mmc.jobs.token.MintedEmission;
import network.mmc.jobs.token.TokenService;
import network.mmc.jobs.token.TokenSetup;
import network.mmc.settlement.MmcText;
import org.p2p.solanaj.core.PublicKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "token", mixinStandardHelpOptions = true,
        description = "The MMC SPL token on the cluster at mmc.rewards.rpc-url (OPS).",
        subcommands = {TokenCommand.Setup.class, TokenCommand.MintEmission.class, TokenCommand.Balance.class})
class TokenCommand {

    @Command(name = "setup", mixinStandardHelpOptions = true,
            description = "Create what is missing of the Hub's token (mint, stake vault, treasury) in one transaction"
                    + " signed by the authority key, and print the addresses; a second run creates nothing. With"
                    + " mmc.token.* set, check those accounts instead.")
    static class Setup implements Callable<Integer> {

        private final HubRuntime runtime;

        @Spec
        CommandSpec spec;

        Setup(HubRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public Integer call() {
            TokenSetup setup = runtime.bean(TokenService.class).setup();
            PrintWriter out = spec.commandLine().getOut();
            out.printf("mint         %s  %d decimals, supply %s MMC, mint authority %s%n", setup.mint(),
                    setup.mintState().decimals(), MmcText.format(setup.mintState().supply()),
                    setup.mintState().mintAuthority() == null ? "none" : setup.mintState().mintAuthority());
            out.printf("treasury     %s  %s MMC%n", setup.treasury(), MmcText.format(setup.treasuryBalance()));
            out.printf("stake vault  %s  %s MMC%n", setup.vault(), MmcText.format(setup.vaultBalance()));
            if (setup.configured()) {
                out.println("configured by mmc.token.*: checked, nothing created");
            } else if (setup.created().isEmpty()) {
                out.println("already set up: nothing created");
            } else {
                out.printf("created %s in transaction %s%n", String.join(", ", setup.created()), setup.signature());
            }
            return 0;
        }
    }

    @Command(name = "mint-emission", mixinStandardHelpOptions = true,
            description = "Mint AMOUNT into the treasury (demo and test clusters: the authority must be the mint"
                    + " authority). Each run mints again.")
    static class MintEmission implements Callable<Integer> {

        private final HubRuntime runtime;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "AMOUNT", description = "In MMC, e.g. 1000000 or 0.5.")
        String amount;

        @Mixin
        BaseUnitsOption units;

        MintEmission(HubRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public Integer call() {
            long baseUnits = units.parse("AMOUNT", amount);
            MintedEmission minted = runtime.bean(TokenService.class).mintEmission(baseUnits);
            spec.commandLine().getOut().printf("minted %s MMC into the treasury %s in transaction %s; it holds %s MMC%n",
                    MmcText.format(minted.amount()), minted.treasury(), minted.signature(),
                    MmcText.format(minted.treasuryBalance()));
            return 0;
        }
    }

    @Command(name = "balance", mixinStandardHelpOptions = true,
            description = "The MMC a wallet holds in its associated token account.")
    static class Balance implements Callable<Integer> {

        private final HubRuntime runtime;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "WALLET", converter = CheckedArguments.Wallet.class)
        String wallet;

        Balance(HubRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public Integer call() {
            long balance = runtime.bean(TokenService.class).balanceOf(new PublicKey(SolanaAddress.parse("wallet", wallet)
                    .bytes()));
            spec.commandLine().getOut().printf("%s holds %s MMC%n", wallet, MmcText.format(balance));
            return 0;
        }
    }
}
