package network.mmc.jobs.nodes;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A status report of a node. */
@Entity
@Table(name = "node_heartbeat")
public class Heartbeat {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String nodeId;

    private Instant reportedAt;

    private String gpuModel;

    private Integer gpuMemoryMb;

    private String agentVersion;

    protected Heartbeat() {
        // for Hibernate
    }

    Heartbeat(String nodeId, Instant reportedAt, String gpuModel, Integer gpuMemoryMb, String agentVersion) {
        this.nodeId = nodeId;
        this.reportedAt = reportedAt;
        this.gpuModel = gpuModel;
        this.gpuMemoryMb = gpuMemoryMb;
        this.agentVersion = agentVersion;
    }
}
