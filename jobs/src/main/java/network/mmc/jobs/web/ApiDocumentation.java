package network.mmc.jobs.web;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.tags.Tag;
import java.lang.annotation.Annotation;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of the REST API ({@code /v3/api-docs}, only {@code /api/**}: {@code springdoc.paths-to-match}).
 * The refusals every endpoint shares are added here rather than on each method: 400 where there is input to refuse,
 * 413 and 415 where there is a body, 500 everywhere; an endpoint declares its own 404 and 409. Every 4xx and 5xx
 * answer is an {@code application/problem+json} {@link #PROBLEM} body, as {@link ProblemResponses} writes it.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static final String PROBLEM = "Problem";
    private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    @Bean
    OpenAPI hubApi() {
        return new OpenAPI().info(new Info().title("MMC Hub REST API").version("1")
                .description("Nodes, call records, settlements, rewards and withdrawals, schedules and jobs of the MMC"
                        + " Hub. Amounts are integers in base units (1 MMC = 10^9 base units). Other non-integer numbers"
                        + " are plain decimals as the command line shows them, floating-point values rounded to 6"
                        + " decimals. Times are ISO-8601 UTC. Every refusal is `application/problem+json` whose"
                        + " `detail` names the field or the reason."));
    }

    @Bean
    OperationCustomizer sharedRefusals() {
        return (operation, handler) -> {
            if (operation.getResponses() == null) {
                operation.setResponses(new ApiResponses());
            }
            ApiResponses responses = operation.getResponses();
            if (hasInput(operation)) {
                responses.putIfAbsent("400", new ApiResponse().description("The request is malformed: a parameter or"
                        + " the body is missing, of the wrong type, out of range or not allowed; `detail` names it"));
            }
            if (operation.getRequestBody() != null) {
                responses.putIfAbsent("413", new ApiResponse().description("The body is larger than the endpoint's"
                        + " limit (mmc.web.max-body-size; mmc.web.max-calls-body-size for POST /api/calls,"
                        + " mmc.web.max-tasks-body-size for POST /api/tasks)"));
                responses.putIfAbsent("415", new ApiResponse().description("The body is not of a media type the"
                        + " endpoint reads"));
            }
            responses.putIfAbsent("500", new ApiResponse().description("An unexpected failure: the `incident` id"
                    + " leads the Hub's operators to its cause in the log"));
            return operation;
        };
    }

    /**
     * A body, a query parameter or a path variable that is converted (a number, a time) can each be refused; a
     * path variable that is text is refused only where its endpoint says so.
     */
    private static boolean hasInput(Operation operation) {
        if (operation.getRequestBody() != null) {
            return true;
        }
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        return parameters.stream().anyMatch(p -> !"path".equals(p.getIn()) || p.getSchema() == null
                || !"string".equals(singleType(p.getSchema())));
    }

    private static String singleType(Schema<?> schema) {
        if (schema.getType() != null) {
            return schema.getType();
        }
        return schema.getTypes() == null || schema.getTypes().size() != 1 ? null : schema.getTypes().iterator().next();
    }

    /**
     * Answers are written with every field, a missing value as {@code null}: a property of a reference type says so
     * ({@code "type": ["string", "null"]}), unless it is required. Primitives are never null; nor are lists, which are
     * empty when there is nothing.
     */
    @Bean
    PropertyCustomizer nullableReferences() {
        return (schema, type) -> {
            boolean primitive = Json.mapper().constructType(type.getType()).isPrimitive();
            if (primitive || required(type.getCtxAnnotations()) || schema.get$ref() != null
                    || "array".equals(singleType(schema))) {
                return schema;
            }
            Set<String> types = new LinkedHashSet<>(schema.getTypes() != null ? schema.getTypes()
                    : schema.getType() == null ? Set.of() : Set.of(schema.getType()));
            if (!types.isEmpty()) {
                types.add("null");
                schema.setTypes(types);
            }
            return schema;
        };
    }

    private static boolean required(Annotation[] annotations) {
        return annotations != null && Arrays.stream(annotations).anyMatch(annotation ->
                annotation instanceof io.swagger.v3.oas.annotations.media.Schema schema
                        && schema.requiredMode() == io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED);
    }

    /** The problem schema, each refusal's content, and tags named after the path (nodes, settlements, …). */
    @Bean
    OpenApiCustomizer problemBodies() {
        return api -> {
            if (api.getComponents() == null) {
                api.setComponents(new Components());
            }
            api.getComponents().addSchemas(PROBLEM, problemSchema());
            Content problem = new Content().addMediaType(PROBLEM_JSON,
                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
            Set<String> tags = new TreeSet<>();
            api.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
                String tag = path.split("/")[2];
                tags.add(tag);
                operation.setTags(List.of(tag));
                operation.getResponses().forEach((code, response) -> {
                    if (code.startsWith("4") || code.startsWith("5")) {
                        response.setContent(problem);
                    }
                });
            }));
            api.setTags(tags.stream().map(name -> new Tag().name(name)).toList());
        };
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("RFC 9457 problem details, as every refusal of the Hub is written")
                .addProperty("type", new StringSchema().format("uri-reference")._default("about:blank")
                        .description("left out when it is about:blank, as it is for every refusal of the Hub"))
                .addProperty("title", new StringSchema().description("the HTTP status's reason phrase")
                        .example("Bad Request"))
                .addProperty("status", new IntegerSchema().description("the HTTP status").example(400))
                .addProperty("detail", new StringSchema().description("what is wrong, in the caller's terms: the"
                        + " field, parameter or reason").example("parameter 'from' is missing"))
                .addProperty("instance", new StringSchema().format("uri-reference").description("the request's path")
                        .example("/api/settlements"))
                .addProperty("incident", new StringSchema().format("uuid").description("500 only: the id under"
                        + " which the cause is logged"))
                .required(List.of("title", "status", "detail"));
    }
}
