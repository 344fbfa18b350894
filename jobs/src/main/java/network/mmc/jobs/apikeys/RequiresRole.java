package network.mmc.jobs.apikeys;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A controller method callable only with an API key of this role (sent as {@code Authorization: Bearer <key>}). */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresRole {

    /**
     * The request attribute holding the {@link ApiKey} the request was let through with, for a handler that acts for
     * the key's owner: {@code @RequestAttribute(RequiresRole.AUTHENTICATED_KEY) ApiKey key}.
     */
    String AUTHENTICATED_KEY = "network.mmc.jobs.apikeys.authenticatedKey";

    Role value();
}
