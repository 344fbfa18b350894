package network.mmc.jobs.settlement;

import java.util.List;
import java.util.Optional;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.errors.ConflictException;
import network.mmc.settlement.SettlementWindow;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Whether a window's call records are archived (README: Call-record retention): then its stored runs, reports and
 * pages stay as they are, but nothing that reads its call records may run until the archive is restored.
 */
@Component
public class ArchivedWindows {

    private final JdbcTemplate jdbc;

    ArchivedWindows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Where the window's records are, when they are archived (or being removed for it) and not restored. */
    public Optional<String> archiveOf(SettlementWindow window) {
        List<String> files = jdbc.queryForList("SELECT file FROM call_archive WHERE window_start = ?"
                + " AND status IN ('REMOVING', 'ARCHIVED')", String.class, UtcTimestamps.of(window.start()));
        return files.stream().findFirst();
    }

    /** @throws ConflictException naming the archive and the restore command when the window is archived */
    public void refuseIfArchived(SettlementWindow window, String what) {
        archiveOf(window).ifPresent(file -> {
            throw new ConflictException(what + " of window " + window + " is refused: its call records are archived in "
                    + file + "; restore them first with `./mmc-hub archive restore " + window.start() + "`");
        });
    }
}
