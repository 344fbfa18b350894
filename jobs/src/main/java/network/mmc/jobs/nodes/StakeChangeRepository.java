package network.mmc.jobs.nodes;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface StakeChangeRepository extends JpaRepository<StakeChange, Long> {

    List<StakeChange> findByNodeIdOrderByIdAsc(String nodeId);
}
