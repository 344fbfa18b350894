package network.mmc.jobs.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import network.mmc.settlement.NodeProfile;
import network.mmc.settlement.NodeSettlement;
import org.junit.jupiter.api.Test;

class NodeSettlementRowsTests {

    @Test
    void aNodeLineIsTabSeparatedWithNullsEscapesAndExactNumbers() {
        NodeSettlement node = new NodeSettlement("gpu-1", "Wallet1", 20, 19, 1_900, 100, 0.8269230769230769,
                Double.POSITIVE_INFINITY, 1.25, true, 1.0E-7, new BigDecimal("0.000000000000000001"), 42);
        NodeSettlement odd = new NodeSettlement("odd\tid\\x\n", null, 1, 0, 0, 0, 0.1, 0.0, 1.0, false, 0.0,
                BigDecimal.ZERO, 0);

        String text = new String(NodeSettlementRows.encode(7, List.of(node, odd),
                Map.of("gpu-1", new NodeProfile("gpu-1", "Wallet1", 5_000, true))), StandardCharsets.UTF_8);

        assertThat(text).isEqualTo("7\tgpu-1\tWallet1\t20\t19\t1900\t100\t0.8269230769230769\t1.7976931348623157E308"
                + "\t5000\t1.25\t1\t1.0E-7\t0.000000000000000001\t42\n"
                + "7\todd\\tid\\\\x\\n\t\\N\t1\t0\t0\t0\t0.1\t0.0\t0\t1.0\t0\t0.0\t0\t0\n");
    }
}
