package network.mmc.jobs.cli;

import network.mmc.settlement.MmcText;
import picocli.CommandLine.Option;

/** The one switch from MMC to base units for a command's amount. */
final class BaseUnitsOption {

    @Option(names = "--base-units", description = "The amount is a whole number of base units (1 MMC = 10^9), not MMC.")
    boolean baseUnits;

    long parse(String what, String amount) {
        return MmcText.parse(what, amount, baseUnits);
    }
}
