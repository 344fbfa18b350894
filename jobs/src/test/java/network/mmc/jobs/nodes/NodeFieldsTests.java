package network.mmc.jobs.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import network.mmc.jobs.errors.TextFields;
import org.junit.jupiter.api.Test;

class NodeFieldsTests {

    @Test
    void aFieldIsMeasuredInCharactersAsTheColumnCountsThem() {
        // 4 emoji are 8 UTF-16 units but 4 characters of a utf8mb4 column
        assertThat(TextFields.optional("gpuModel", "😀😀😀😀", 4)).isEqualTo("😀😀😀😀");
        assertThatThrownBy(() -> TextFields.optional("gpuModel", "😀😀😀😀x", 4))
                .hasMessage("gpuModel is 5 characters long; at most 4 are allowed");
    }

    @Test
    void controlCharactersAreRefusedNamingTheField() {
        assertThatThrownBy(() -> TextFields.optional("agentVersion", "1.0\nmemory-mb:1", 64))
                .hasMessage("agentVersion contains control characters (such as line breaks or tabs)");
        assertThatThrownBy(() -> TextFields.required("operator", "ali\u001bce", 128))
                .hasMessageStartingWith("operator contains control characters");
    }

    @Test
    void aRequiredFieldMayNotBeBlankAndAnOptionalOneMayBeAbsent() {
        assertThatThrownBy(() -> TextFields.required("reason", "  ", 500)).hasMessage("reason is missing");
        assertThat(TextFields.optional("gpuModel", null, 128)).isNull();
    }

    @Test
    void gpuMemoryFitsTheIntColumnAndIsNeverNegative() {
        assertThat(NodeFields.memoryMb(0L)).isZero();
        assertThat(NodeFields.memoryMb(2_147_483_647L)).isEqualTo(Integer.MAX_VALUE);
        assertThat(NodeFields.memoryMb(null)).isNull();
        assertThatThrownBy(() -> NodeFields.memoryMb(-1L)).hasMessage("gpuMemoryMb must be between 0 and 2147483647, got -1");
        assertThatThrownBy(() -> NodeFields.memoryMb(2_147_483_648L)).hasMessageContaining("got 2147483648");
    }
}
