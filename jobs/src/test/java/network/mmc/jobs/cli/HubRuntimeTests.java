package network.mmc.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HubRuntimeTests {

    @Test
    void aCommandsOwnSettingReplacesTheUsersForTheSameKeyAndKeepsTheOthers() {
        HubRuntime runtime = new HubRuntime(List.of("--spring.mail.host=smtp.example.net", "--spring.mail.hostname=x",
                "--mmc.hub-id=my-hub"));

        runtime.set("spring.mail.host", "127.0.0.1");
        runtime.set("spring.mail.port", "2525");

        assertThat(runtime.arguments()).containsExactly("--spring.mail.hostname=x", "--mmc.hub-id=my-hub",
                "--spring.mail.host=127.0.0.1", "--spring.mail.port=2525", "--logging.level.network.mmc=warn");
    }
}
