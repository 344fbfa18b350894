package network.mmc.settlement;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Every tunable term of SETTLEMENT.md, with the defaults of {@link #defaults()}.
 *
 * @param period              window length (PT2H)
 * @param grace               wait after window end before settling (PT5M)
 * @param z                   normal quantile of the Wilson bound (95 %)
 * @param minCapNodes         nodes with credits needed before the cap applies
 * @param capK                cap = median + capK * 1.4826 * MAD
 * @param stakeTarget         stake in base units that earns the full +50 %
 * @param genesis             start of emission period 1
 * @param firstPeriodTotal    R(1) in base units
 * @param pi                  the whitepaper's pi (3.1416)
 * @param validatorRoundCredits credits of the HUB record paying a validator for a probe round
 */
public record SettlementParameters(
        Duration period,
        Duration grace,
        double z,
        int minCapNodes,
        double capK,
        long stakeTarget,
        Instant genesis,
        long firstPeriodTotal,
        BigDecimal pi,
        long validatorRoundCredits) {

    public static final long BASE_UNITS_PER_MMC = 1_000_000_000L;

    public SettlementParameters {
        if (period.isNegative() || period.isZero() || Duration.ofDays(1).toSeconds() % period.toSeconds() != 0) {
            throw new IllegalArgumentException("period must divide one day, got " + period);
        }
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must be >= 0, got " + grace);
        }
        if (stakeTarget <= 0) {
            throw new IllegalArgumentException("stake-target must be > 0, got " + stakeTarget);
        }
        if (minCapNodes < 1) {
            throw new IllegalArgumentException("min-cap-nodes must be >= 1, got " + minCapNodes);
        }
        if (pi.signum() <= 0) {
            throw new IllegalArgumentException("pi must be > 0, got " + pi);
        }
    }

    public static SettlementParameters defaults() {
        return new SettlementParameters(
                Duration.ofHours(2),
                Duration.ofMinutes(5),
                1.959963984540054,
                5,
                10.0,
                10_000_000_000_000L,
                Instant.parse("2026-01-01T00:00:00Z"),
                4_500_000L * BASE_UNITS_PER_MMC,
                new BigDecimal("3.1416"),
                200);
    }

    /**
     * The terms that decide a window's result, by their {@code mmc.settlement.*} names, as text that parses back to
     * the same values: what a run stores with itself and an audit applies with {@link #withTerms}.
     */
    public Map<String, String> terms() {
        Map<String, String> terms = new LinkedHashMap<>();
        terms.put("period", period.toString());
        terms.put("z", Double.toString(z));
        terms.put("min-cap-nodes", Integer.toString(minCapNodes));
        terms.put("cap-k", Double.toString(capK));
        terms.put("stake-target", Long.toString(stakeTarget));
        terms.put("genesis", genesis.toString());
        terms.put("first-period-total", Long.toString(firstPeriodTotal));
        terms.put("pi", pi.toPlainString());
        return terms;
    }

    /** These parameters with some of the {@link #terms()} replaced; an unknown name or a bad value is refused by name. */
    public SettlementParameters withTerms(Map<String, String> replaced) {
        Set<String> known = terms().keySet();
        replaced.keySet().stream().filter(name -> !known.contains(name)).findFirst().ifPresent(name -> {
            throw new IllegalArgumentException("unknown settlement term '" + name + "' (known: " + String.join(", ", known)
                    + ")");
        });
        return new SettlementParameters(
                term(replaced, "period", Duration::parse, period),
                grace,
                term(replaced, "z", Double::parseDouble, z),
                term(replaced, "min-cap-nodes", Integer::parseInt, minCapNodes),
                term(replaced, "cap-k", Double::parseDouble, capK),
                term(replaced, "stake-target", Long::parseLong, stakeTarget),
                term(replaced, "genesis", Instant::parse, genesis),
                term(replaced, "first-period-total", Long::parseLong, firstPeriodTotal),
                term(replaced, "pi", BigDecimal::new, pi),
                validatorRoundCredits);
    }

    private static <T> T term(Map<String, String> replaced, String name, Function<String, T> parse, T current) {
        String text = replaced.get(name);
        if (text == null) {
            return current;
        }
        try {
            return parse.apply(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("settlement term " + name + "=" + text + " is not a valid value");
        }
    }

    public SettlementParameters withPeriod(Duration newPeriod) {
        return new SettlementParameters(newPeriod, grace, z, minCapNodes, capK, stakeTarget, genesis,
                firstPeriodTotal, pi, validatorRoundCredits);
    }
}
