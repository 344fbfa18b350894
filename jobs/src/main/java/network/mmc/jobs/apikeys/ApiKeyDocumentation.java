package network.mmc.jobs.apikeys;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;

/**
 * The OpenAPI description of the API keys: the bearer scheme, and on each operation with {@link RequiresRole} the
 * role it needs (also as {@code x-required-role}) and its 401 and 403 answers; read from the same annotation that
 * {@link ApiKeyInterceptor} enforces, so the document cannot say other than what the Hub does.
 */
@Configuration(proxyBeanMethods = false)
class ApiKeyDocumentation {

    static final String SCHEME = "apiKey";
    static final String ROLE_EXTENSION = "x-required-role";

    @Bean
    OpenApiCustomizer apiKeyScheme() {
        return api -> {
            if (api.getComponents() == null) {
                api.setComponents(new Components());
            }
            api.getComponents().addSecuritySchemes(SCHEME, new SecurityScheme()
                    .type(SecurityScheme.Type.HTTP).scheme("bearer")
                    .description("An API key, sent as `Authorization: Bearer <key>`; created with"
                            + " `mmc-hub apikey create --role INGEST|OPS|FINANCE`, or for an API user with"
                            + " `mmc-hub apiuser create` (role API_USER). An OPS key may also do what a FINANCE key may."));
        };
    }

    @Bean
    OperationCustomizer requiredRoles() {
        return (operation, handler) -> {
            Role role = requiredRole(handler);
            if (role != null) {
                describe(operation, role);
            }
            return operation;
        };
    }

    private static Role requiredRole(HandlerMethod handler) {
        RequiresRole required = handler.getMethodAnnotation(RequiresRole.class);
        if (required == null) {
            required = handler.getBeanType().getAnnotation(RequiresRole.class);
        }
        return required == null ? null : required.value();
    }

    private static void describe(Operation operation, Role role) {
        String keys = role == Role.FINANCE ? "a FINANCE or OPS API key" : "an " + role + " API key";
        operation.addSecurityItem(new SecurityRequirement().addList(SCHEME));
        operation.addExtension(ROLE_EXTENSION, role.name());
        String needs = "Needs " + keys + ".";
        operation.setDescription(operation.getDescription() == null ? needs : operation.getDescription() + "\n\n" + needs);
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        operation.getResponses().addApiResponse("401", new ApiResponse()
                .description("No valid API key was sent (`WWW-Authenticate: Bearer`)"));
        operation.getResponses().addApiResponse("403", new ApiResponse()
                .description("The API key has another role; this needs " + keys));
    }
}
