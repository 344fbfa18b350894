package network.mmc.jobs.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The parser's own limits, named in the caller's terms rather than Jackson's. */
class InputProblemsTests {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void jsonNestedTooDeepIsNamedByItsDepth() {
        String deep = "{\"a\": ".repeat(1200) + "1" + "}".repeat(1200);

        assertThat(problemReading(deep)).isEqualTo("the JSON nests 501 levels deep, more than the 500 allowed");
    }

    @Test
    void aNumberTooLongIsNamedByItsLength() {
        String longNumber = "{\"amount\": " + "9".repeat(1500) + "}";

        assertThat(problemReading(longNumber)).isEqualTo("a number has 1500 characters, more than the 1000 allowed");
    }

    private String problemReading(String body) {
        Throwable refused = catchThrowable(() -> json.readValue(body, Map.class));
        assertThat(refused).as("the parser refuses it").isNotNull();
        return InputProblems.unreadableBody(refused);
    }
}
