package network.mmc.rewards;

import java.util.List;

/** Where one version's publishing attempts are kept, across runs and processes. */
public interface AttemptLog {

    /** Every attempt stored so far, oldest first. */
    List<Attempt> attempts();

    /**
     * Stores {@code next} only if the stored attempts are still exactly {@code seen}; false when another publisher
     * stored one meanwhile (then nothing is stored and {@code next} must not be sent).
     */
    boolean append(List<Attempt> seen, Attempt next);
}
