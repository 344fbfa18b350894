package network.mmc.jobs.calls;

import java.util.List;
import java.util.concurrent.Callable;

/** What a file import does with each chunk of valid rows: prepared on the reading thread, run on the loading one. */
interface ChunkStore {

    /** @return the work that stores the rows and answers how many of them were new */
    Callable<Long> prepare(List<CallRecordRow> rows);
}
