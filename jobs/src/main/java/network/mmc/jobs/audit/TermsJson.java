package network.mmc.jobs.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Settlement terms ({@code SettlementParameters.terms()}) as the JSON object a run stores and result.json holds. */
public final class TermsJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, String>> TERMS = new TypeReference<>() {
    };

    private TermsJson() {
    }

    public static String write(Map<String, String> terms) {
        return JSON.writeValueAsString(terms);
    }

    /** @throws IllegalArgumentException naming {@code source} when the text is not an object of text values */
    public static Map<String, String> read(String text, String source) {
        try {
            return JSON.readValue(text, TERMS);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(source + " does not hold settlement terms as a JSON object of texts");
        }
    }
}
