package network.mmc.jobs.settlement;

/**
 * A settled window as a list of runs shows it: its latest completed revision and how many revisions it has.
 *
 * @param revisions completed revisions of the window: 1 plus its re-runs
 */
public record SettledWindow(SettlementRun latest, int revisions) {

    public int reruns() {
        return revisions - 1;
    }
}
