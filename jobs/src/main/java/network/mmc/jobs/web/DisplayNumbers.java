package network.mmc.jobs.web;

import io.swagger.v3.core.util.Json;
import java.math.BigDecimal;
import network.mmc.settlement.DecimalText;
import org.springdoc.core.customizers.PropertyCustomizer;
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

    /**
     * The schema says what {@link #plainDecimalAnswers()} writes: a double is a JSON number rounded to 6 decimals, a
     * {@link BigDecimal} (a weight) an exact decimal, which a client should not read into a double.
     */
    @Bean
    PropertyCustomizer plainDecimalSchemas() {
        return (schema, type) -> {
            Class<?> written = Json.mapper().constructType(type.getType()).getRawClass();
            if (written == BigDecimal.class) {
                schema.setFormat("decimal");
                schema.setDescription(join(schema.getDescription(), "An exact plain decimal (up to 18 decimals)."));
            } else if (written == Double.class || written == double.class) {
                schema.setDescription(join(schema.getDescription(), "A plain decimal rounded to 6 decimals."));
            }
            return schema;
        };
    }

    private static String join(String description, String addition) {
        return description == null ? addition : description + " " + addition;
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
