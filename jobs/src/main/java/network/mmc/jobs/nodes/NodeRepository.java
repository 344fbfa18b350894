package network.mmc.jobs.nodes;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;

interface NodeRepository extends JpaRepository<Node, String> {

    List<Node> findByKindAndLastStatusAtGreaterThanEqualOrderByNodeId(NodeKind kind, Instant since);

    /** The node with its row locked to the end of the transaction: one signed message of a node at a time. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    Optional<Node> findLockedByNodeId(String nodeId);
}
