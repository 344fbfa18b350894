package network.mmc.jobs.calls;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import network.mmc.jobs.apikeys.RequiresRole;
import network.mmc.jobs.apikeys.Role;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class CallsController {

    private final CallIngest ingest;

    CallsController(CallIngest ingest) {
        this.ingest = ingest;
    }

    /** A JSON array of call records; bad records are reported by their position and do not stop the good ones. */
    @PostMapping("/api/calls")
    @RequiresRole(Role.INGEST)
    IngestResult ingest(@RequestBody List<Map<String, Object>> records) {
        List<Map<String, String>> texts = new ArrayList<>(records.size());
        for (Map<String, Object> record : records) {
            Map<String, String> fields = new LinkedHashMap<>();
            if (record != null) {
                record.forEach((name, value) -> fields.put(name, value == null ? null : String.valueOf(value)));
            }
            texts.add(fields);
        }
        return ingest.ingest(texts);
    }
}
