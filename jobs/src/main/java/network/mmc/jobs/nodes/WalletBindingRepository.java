package network.mmc.jobs.nodes;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface WalletBindingRepository extends JpaRepository<WalletBinding, Long> {

    List<WalletBinding> findByNodeIdOrderByIdAsc(String nodeId);
}
