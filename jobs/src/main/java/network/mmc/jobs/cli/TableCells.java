package network.mmc.jobs.cli;

import java.time.Instant;
import network.mmc.settlement.TimeText;

/** How the command tables write a cell that may be empty: a time not yet reached or never recorded is "-". */
final class TableCells {

    private TableCells() {
    }

    static String time(Instant instant) {
        return instant == null ? "-" : TimeText.format(instant);
    }
}
