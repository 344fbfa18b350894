package network.mmc.jobs.nodes;

import org.springframework.data.jpa.repository.JpaRepository;

interface HeartbeatRepository extends JpaRepository<Heartbeat, Long> {
}
