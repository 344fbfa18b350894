package network.mmc.jobs.audit;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import network.mmc.settlement.SettlementParameters;

/** Applies {@code --param key=value} overrides, named as the {@code mmc.settlement.*} properties. */
final class AuditParameters {

    private static final Set<String> KEYS = Set.of("period", "z", "min-cap-nodes", "cap-k", "stake-target", "genesis",
            "first-period-total", "pi");

    private AuditParameters() {
    }

    static SettlementParameters apply(SettlementParameters p, Map<String, String> overrides) {
        overrides.keySet().stream().filter(key -> !KEYS.contains(key)).findFirst().ifPresent(key -> {
            throw new IllegalArgumentException("unknown --param '" + key + "' (known: " + String.join(", ", KEYS) + ")");
        });
        return new SettlementParameters(
                value(overrides, "period", Duration::parse, p.period()),
                p.grace(),
                value(overrides, "z", Double::parseDouble, p.z()),
                value(overrides, "min-cap-nodes", Integer::parseInt, p.minCapNodes()),
                value(overrides, "cap-k", Double::parseDouble, p.capK()),
                value(overrides, "stake-target", Long::parseLong, p.stakeTarget()),
                value(overrides, "genesis", Instant::parse, p.genesis()),
                value(overrides, "first-period-total", Long::parseLong, p.firstPeriodTotal()),
                value(overrides, "pi", BigDecimal::new, p.pi()),
                p.validatorRoundCredits());
    }

    private static <T> T value(Map<String, String> overrides, String key, Function<String, T> parse, T fallback) {
        String text = overrides.get(key);
        if (text == null) {
            return fallback;
        }
        try {
            return parse.apply(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--param " + key + "=" + text + " is not a valid value");
        }
    }
}
