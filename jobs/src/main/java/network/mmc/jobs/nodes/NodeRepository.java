package network.mmc.jobs.nodes;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface NodeRepository extends JpaRepository<Node, String> {

    List<Node> findByKindAndLastStatusAtGreaterThanEqualOrderByNodeId(NodeKind kind, Instant since);

    long countByKindAndLastStatusAtGreaterThanEqual(NodeKind kind, Instant since);

    List<Node> findByOwnerWalletOrderByNodeId(String ownerWallet);

    /** Nodes of {@code kind} (any when null) that reported status since {@code since}, or not, or either (null). */
    @Query("SELECT n FROM Node n WHERE (:kind IS NULL OR n.kind = :kind) AND (:online IS NULL"
            + " OR (:online = TRUE AND n.lastStatusAt >= :since)"
            + " OR (:online = FALSE AND (n.lastStatusAt IS NULL OR n.lastStatusAt < :since)))")
    Page<Node> findByKindAndOnline(NodeKind kind, Boolean online, Instant since, Pageable page);

    /** The node with its row locked to the end of the transaction: one signed message of a node at a time. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    Optional<Node> findLockedByNodeId(String nodeId);
}
