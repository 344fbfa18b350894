package network.mmc.jobs.batch;

import org.springframework.batch.core.repository.ExecutionContextSerializer;
import org.springframework.batch.core.repository.dao.DefaultExecutionContextSerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How Spring Batch stores execution contexts: its default, declared as the bean Boot's job repository takes, so that
 * {@link StoredOwners} reads stored contexts with the very serializer that wrote them.
 */
@Configuration(proxyBeanMethods = false)
class ExecutionContextFormat {

    @Bean
    ExecutionContextSerializer executionContextSerializer() {
        return new DefaultExecutionContextSerializer();
    }
}
