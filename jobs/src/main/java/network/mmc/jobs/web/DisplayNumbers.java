package network.mmc.jobs.web;

import java.math.BigDecimal;
import network.mmc.settlement.DecimalText;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Non-integer numbers in answers are written as {@link DecimalText} shows them on the command line: a cap of
 * {@code 17839.951999999997} (floating-point noise) as {@code 17839.952}, a weight of {@code 0E-18} as {@code 0}.
 * They stay JSON numbers. Amounts are integers in base units and are not touched.
 */
@Configuration(proxyBeanMethods = false)
class DisplayNumbers {

    // beyond this, six decimals are no longer below a double's own precision: written as Jackson writes doubles
    private static final double PLAIN_BELOW = 1e15;

    @Bean
    JsonMapperBuilderCustomizer plainDecimalAnswers() {
        return builder -> builder.addModule(new SimpleModule("display-numbers")
                .addSerializer(Double.class, new Doubles())
                .addSerializer(double.class, new Doubles())
                .addSerializer(BigDecimal.class, new Decimals()));
    }

    private static final class Doubles extends StdSerializer<Double> {

        Doubles() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator generator, SerializationContext context) {
            if (Double.isFinite(value) && Math.abs(value) < PLAIN_BELOW) {
                generator.writeNumber(DecimalText.of(value));
            } else {
                generator.writeNumber(value);
            }
        }
    }

    private static final class Decimals extends StdSerializer<BigDecimal> {

        Decimals() {
            super(BigDecimal.class);
        }

        @Override
        public void serialize(BigDecimal value, JsonGenerator generator, SerializationContext context) {
            generator.writeNumber(DecimalText.of(value));
        }
    }
}
