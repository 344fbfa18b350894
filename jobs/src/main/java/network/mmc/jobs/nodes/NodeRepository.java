package network.mmc.jobs.nodes;

import java.time.Instant;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface NodeRepository extends JpaRepository<Node, String> {

    List<Node> findByKindAndLastStatusAtGreaterThanEqualOrderByNodeId(NodeKind kind, Instant since);
}
